using Microsoft.CodeAnalysis;

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

    /// <summary>"Context of task '{0}' has {1} values but its block size has {2}: give one value per physical axis".</summary>
    public static readonly DiagnosticDescriptor ContextDimensionsMismatch = Create(
        DiagnosticIds.ContextDimensionsMismatch,
        title: "Context and block size differ in dimensionality",
        messageFormat: "Context of task '{0}' has {1} values but its block size has {2}: give one value per physical axis");

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

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat) => new(
        id,
        title,
        messageFormat,
        DiagnosticCategories.Declaration,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinks.For(id));
}
