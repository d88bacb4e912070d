using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Volara.Generators.Rules;

namespace Volara.Analyzers;

/// <summary>The catalog of every diagnostic the DSL analyzers report; each page under docs/diagnostics explains one.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>"Task class '{0}' must be declared partial: the generator adds its engine implementation".</summary>
    public static readonly DiagnosticDescriptor TaskNotPartial = Create(
        DiagnosticIds.TaskNotPartial,
        title: "Task class is not partial",
        messageFormat: "Task class '{0}' must be declared partial: the generator adds its engine implementation");

    /// <summary>"Task class '{0}' has no Process method; expected '{1}'".</summary>
    public static readonly DiagnosticDescriptor ProcessMissing = Create(
        DiagnosticIds.ProcessMissing,
        title: "Task has no Process method",
        messageFormat: "Task class '{0}' has no Process method; expected '{1}'");

    /// <summary>"Process of task '{0}' does not match its ports: expected '{1}'".</summary>
    public static readonly DiagnosticDescriptor ProcessSignatureMismatch = Create(
        DiagnosticIds.ProcessSignatureMismatch,
        title: "Process signature does not match the declared ports",
        messageFormat: "Process of task '{0}' does not match its ports: expected '{1}'");

    /// <summary>"{0} of task '{1}' has {2} values but its {3} has {4}: give one value per physical axis".</summary>
    public static readonly DiagnosticDescriptor ContextDimensionsMismatch = Create(
        DiagnosticIds.ContextDimensionsMismatch,
        title: "Context and block size differ in dimensionality",
        messageFormat: "{0} of task '{1}' has {2} values but its {3} has {4}: give one value per physical axis");

    /// <summary>"Block size of task '{0}' must be positive on every axis, axis {1} is {2}".</summary>
    public static readonly DiagnosticDescriptor BlockSizeNotPositive = Create(
        DiagnosticIds.BlockSizeNotPositive,
        title: "Block size is not positive",
        messageFormat: "Block size of task '{0}' must be positive on every axis, axis {1} is {2}");

    /// <summary>"Context of task '{0}' must be non-negative on every axis, axis {1} is {2}".</summary>
    public static readonly DiagnosticDescriptor ContextNegative = Create(
        DiagnosticIds.ContextNegative,
        title: "Context is negative",
        messageFormat: "Context of task '{0}' must be non-negative on every axis, axis {1} is {2}");

    /// <summary>"Voxel size of dataset '{0}' must be positive on every axis, axis {1} is {2}".</summary>
    public static readonly DiagnosticDescriptor VoxelSizeNotPositive = Create(
        DiagnosticIds.VoxelSizeNotPositive,
        title: "Voxel size is not positive",
        messageFormat: "Voxel size of dataset '{0}' must be positive on every axis, axis {1} is {2}");

    /// <summary>"Voxel size of '{0}' of task '{1}' has {2} values but its block size has {3}: give one value per physical axis".</summary>
    public static readonly DiagnosticDescriptor VoxelSizeDimensionsMismatch = Create(
        DiagnosticIds.VoxelSizeDimensionsMismatch,
        title: "Voxel size and block size differ in dimensionality",
        messageFormat: "Voxel size of '{0}' of task '{1}' has {2} values but its block size has {3}: give one value per physical axis");

    /// <summary>"First input '{0}' of task '{1}' is optional: the layout and every output follow the first input, so it must be required".</summary>
    public static readonly DiagnosticDescriptor FirstInputOptional = Create(
        DiagnosticIds.FirstInputOptional,
        title: "First input is optional",
        messageFormat: "First input '{0}' of task '{1}' is optional: the layout and every output follow the first input, so it must be required");

    /// <summary>"Output '{0}' of task '{1}' is Stored, but {2}: a Stored output takes its type from the first Stored input".</summary>
    public static readonly DiagnosticDescriptor StoredOutputWithoutStoredInput = Create(
        DiagnosticIds.StoredOutputWithoutStoredInput,
        title: "Stored output without a required Stored input",
        messageFormat: "Output '{0}' of task '{1}' is Stored, but {2}: a Stored output takes its type from the first Stored input");

    /// <summary>"Task '{0}' has no required output to take its name from: declare its own 'Name' property".</summary>
    public static readonly DiagnosticDescriptor TaskNameUndetermined = Create(
        DiagnosticIds.TaskNameUndetermined,
        title: "Task name cannot be derived",
        messageFormat: "Task '{0}' has no required output to take its name from: declare its own 'Name' property");

    /// <summary>"Task '{0}' has no [Input]: {1}".</summary>
    public static readonly DiagnosticDescriptor TaskWithoutInput = Create(
        DiagnosticIds.TaskWithoutInput,
        title: "Task has no input",
        messageFormat: "Task '{0}' has no [Input]: {1}");

    /// <summary>"Task '{0}' has no [BlockSize] property: declare one, or make it a whole-volume task with WholeRoi = true".</summary>
    public static readonly DiagnosticDescriptor BlockSizeMissing = Create(
        DiagnosticIds.BlockSizeMissing,
        title: "Task has no block size",
        messageFormat: "Task '{0}' has no [BlockSize] property: declare one, or make it a whole-volume task with WholeRoi = true");

    /// <summary>"[{0}] property '{1}' of task '{2}' {3}".</summary>
    public static readonly DiagnosticDescriptor SettingMisdeclared = Create(
        DiagnosticIds.SettingMisdeclared,
        title: "Block size, context or write ROI property misdeclared",
        messageFormat: "[{0}] property '{1}' of task '{2}' {3}");

    /// <summary>"Task class '{0}' is {1}: the generator completes only non-generic, non-abstract, non-static top-level classes without a base class".</summary>
    public static readonly DiagnosticDescriptor TaskClassNotCompletable = Create(
        DiagnosticIds.TaskClassNotCompletable,
        title: "Task class cannot be completed by the generator",
        messageFormat: "Task class '{0}' is {1}: the generator completes only non-generic, non-abstract, non-static top-level classes without a base class");

    /// <summary>"Port '{0}' of task '{1}' is a {2}: a port is a typed dataset Raw<T>, Affs<T>, Labels<T> or Lsd<T>".</summary>
    public static readonly DiagnosticDescriptor PortNotTypedDataset = Create(
        DiagnosticIds.PortNotTypedDataset,
        title: "Port is not a typed dataset",
        messageFormat: "Port '{0}' of task '{1}' is a {2}: a port is a typed dataset Raw<T>, Affs<T>, Labels<T> or Lsd<T>");

    /// <summary>"CreateWorkerState of task '{0}' is {1}: the generator calls it as an instance method without parameters that returns the state".</summary>
    public static readonly DiagnosticDescriptor WorkerStateUnusable = Create(
        DiagnosticIds.WorkerStateUnusable,
        title: "CreateWorkerState cannot be called by the generator",
        messageFormat: "CreateWorkerState of task '{0}' is {1}: the generator calls it as an instance method without parameters that returns the state");

    /// <summary>"List output '{0}' of task '{1}' needs 'OutputFormat OutputFormat(string field, int index)' to say each entry's channels and type{2}".</summary>
    public static readonly DiagnosticDescriptor OutputFormatMissing = Create(
        DiagnosticIds.OutputFormatMissing,
        title: "List output without a usable OutputFormat method",
        messageFormat: "List output '{0}' of task '{1}' needs 'OutputFormat OutputFormat(string field, int index)' to say each entry's channels and type{2}");

    /// <summary>"Input '{0}' of task '{1}' requires {2} elements, but {3}".</summary>
    public static readonly DiagnosticDescriptor InputRequirementNotMet = Create(
        DiagnosticIds.InputRequirementNotMet,
        title: "Input element type does not meet the task's requirement",
        messageFormat: "Input '{0}' of task '{1}' requires {2} elements, but {3}",
        DiagnosticCategories.DType);

    /// <summary>"Dataset '{0}' is written as {1} by task '{2}' but read as {3} by task '{4}'".</summary>
    public static readonly DiagnosticDescriptor DatasetElementTypeMismatch = Create(
        DiagnosticIds.DatasetElementTypeMismatch,
        title: "Dataset produced as one element type and consumed as another",
        messageFormat: "Dataset '{0}' is written as {1} by task '{2}' but read as {3} by task '{4}'",
        DiagnosticCategories.DType,
        DiagnosticSeverity.Warning);

    /// <summary>"'{0}' of task '{1}' has {2} values but neighbourhood '{3}' has {4} offsets: give one value per offset".</summary>
    public static readonly DiagnosticDescriptor PerOffsetLengthMismatch = Create(
        DiagnosticIds.PerOffsetLengthMismatch,
        title: "Per-offset list length differs from the neighbourhood",
        messageFormat: "'{0}' of task '{1}' has {2} values but neighbourhood '{3}' has {4} offsets: give one value per offset",
        DiagnosticCategories.Neighborhood);

    /// <summary>"Dataset '{0}' is written by task '{1}' and again by task '{2}' of the same pipeline".</summary>
    public static readonly DiagnosticDescriptor DatasetWrittenTwice = Create(
        DiagnosticIds.DatasetWrittenTwice,
        title: "Dataset written by two tasks of one pipeline",
        messageFormat: "Dataset '{0}' is written by task '{1}' and again by task '{2}' of the same pipeline",
        DiagnosticCategories.Pipeline);

    /// <summary>"Task '{0}' reads dataset '{1}' that it also writes: a block would read what neighbouring blocks are writing".</summary>
    public static readonly DiagnosticDescriptor TaskReadsOwnOutput = Create(
        DiagnosticIds.TaskReadsOwnOutput,
        title: "Task reads its own output",
        messageFormat: "Task '{0}' reads dataset '{1}' that it also writes: a block would read what neighbouring blocks are writing",
        DiagnosticCategories.Pipeline);

    /// <summary>"Offset {0} in '{1}' of task '{2}' is not in the neighbourhood of '{3}' ({4})".</summary>
    public static readonly DiagnosticDescriptor OffsetNotInNeighborhood = Create(
        DiagnosticIds.OffsetNotInNeighborhood,
        title: "Offset not in the affinities' neighbourhood",
        messageFormat: "Offset {0} in '{1}' of task '{2}' is not in the neighbourhood of '{3}' ({4})",
        DiagnosticCategories.Neighborhood);

    /// <summary>"'{0}' of task '{1}' names edge attribute '{2}', which graph database '{3}' does not declare in EdgeAttrs ({4})".</summary>
    public static readonly DiagnosticDescriptor EdgeAttributeNotDeclared = Create(
        DiagnosticIds.EdgeAttributeNotDeclared,
        title: "Edge attribute not declared by the graph database",
        messageFormat: "'{0}' of task '{1}' names edge attribute '{2}', which graph database '{3}' does not declare in EdgeAttrs ({4})",
        DiagnosticCategories.Neighborhood);

    /// <summary>"[VolaraTask] of class '{0}' {1}".</summary>
    public static readonly DiagnosticDescriptor TaskAttributeInvalid = Create(
        DiagnosticIds.TaskAttributeInvalid,
        title: "[VolaraTask] attribute is invalid",
        messageFormat: "[VolaraTask] of class '{0}' {1}");

    /// <summary>"List output '{0}' of task '{1}' {2}".</summary>
    public static readonly DiagnosticDescriptor ListOutputMisdeclared = Create(
        DiagnosticIds.ListOutputMisdeclared,
        title: "List output misdeclared",
        messageFormat: "List output '{0}' of task '{1}' {2}");

    /// <summary>"[{0}] on '{1}' of task '{2}' {3}".</summary>
    public static readonly DiagnosticDescriptor LinkMisdeclared = Create(
        DiagnosticIds.LinkMisdeclared,
        title: "Parameter link names nothing it can be checked against",
        messageFormat: "[{0}] on '{1}' of task '{2}' {3}");

    /// <summary>"Output '{0}' of task '{1}' is prepared like its first input '{2}', which Process indexes with {3} indices, but Process indexes '{0}' with {4}{5}".</summary>
    public static readonly DiagnosticDescriptor OutputRankMismatch = Create(
        DiagnosticIds.OutputRankMismatch,
        title: "Process indexes an output with another rank than it is prepared with",
        messageFormat: "Output '{0}' of task '{1}' is prepared like its first input '{2}', which Process indexes with {3} indices, but Process indexes '{0}' with {4}{5}");

    /// <summary>"OverlapIo on task '{0}' {1}".</summary>
    public static readonly DiagnosticDescriptor OverlapIoWithoutEffect = Create(
        DiagnosticIds.OverlapIoWithoutEffect,
        title: "OverlapIo leaves part of the task's reading or writing inside Process",
        messageFormat: "OverlapIo on task '{0}' {1}",
        severity: DiagnosticSeverity.Warning);

    /// <summary>The diagnostic of each rule the generator's <c>TaskDeclaration</c> reads a task class by.</summary>
    public static readonly ImmutableDictionary<TaskRule, DiagnosticDescriptor> TaskRules = new Dictionary<TaskRule, DiagnosticDescriptor>
    {
        [TaskRule.NotPartial] = TaskNotPartial,
        [TaskRule.ProcessMissing] = ProcessMissing,
        [TaskRule.ProcessSignatureMismatch] = ProcessSignatureMismatch,
        [TaskRule.FirstInputOptional] = FirstInputOptional,
        [TaskRule.StoredOutputWithoutStoredInput] = StoredOutputWithoutStoredInput,
        [TaskRule.TaskNameUndetermined] = TaskNameUndetermined,
        [TaskRule.TaskWithoutInput] = TaskWithoutInput,
        [TaskRule.BlockSizeMissing] = BlockSizeMissing,
        [TaskRule.SettingMisdeclared] = SettingMisdeclared,
        [TaskRule.ClassNotCompletable] = TaskClassNotCompletable,
        [TaskRule.PortNotTypedDataset] = PortNotTypedDataset,
        [TaskRule.WorkerStateUnusable] = WorkerStateUnusable,
        [TaskRule.OutputFormatMissing] = OutputFormatMissing,
        [TaskRule.TaskAttributeInvalid] = TaskAttributeInvalid,
        [TaskRule.ListOutputMisdeclared] = ListOutputMisdeclared,
        [TaskRule.LinkMisdeclared] = LinkMisdeclared,
    }.ToImmutableDictionary();

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category = DiagnosticCategories.Declaration,
        DiagnosticSeverity severity = DiagnosticSeverity.Error) => new(
        id,
        title,
        messageFormat,
        category,
        severity,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(id));
}
