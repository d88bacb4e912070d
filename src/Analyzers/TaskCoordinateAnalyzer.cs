using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Volara.Runtime.Dsl;

namespace Volara.Analyzers;

/// <summary>
/// Checks block sizes and contexts given as constants, where a task is created (<c>new Task { BlockSize = … }</c>)
/// and in property defaults: values positive / non-negative, and one context value per block-size axis.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskCoordinateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property with the block size's number of values, for the fixer that resizes the context.</summary>
    public const string BlockSizeDimsProperty = "BlockSizeDims";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ContextDimensionsMismatch,
        DiagnosticDescriptors.BlockSizeNotPositive,
        DiagnosticDescriptors.ContextNegative);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { Coordinate: { } coordinate } types)
            {
                start.RegisterOperationAction(op => AnalyzeCreation(op, types, coordinate), OperationKind.ObjectCreation);
                start.RegisterOperationAction(op => AnalyzeDefault(op, types, coordinate), OperationKind.PropertyInitializer);
            }
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, DslTypes types, INamedTypeSymbol coordinate)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol task || !types.IsTask(task) || creation.Initializer is null)
        {
            return;
        }

        CoordinateConstant? blockSize = null;
        CoordinateConstant? taskContext = null;
        foreach (var assignment in creation.Initializer.Initializers.OfType<ISimpleAssignmentOperation>())
        {
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
            {
                continue;
            }

            if (types.HasAttribute(property, types.BlockSizeAttribute))
            {
                blockSize = CoordinateConstant.From(assignment.Value, coordinate);
            }
            else if (types.HasAttribute(property, types.ContextAttribute))
            {
                taskContext = CoordinateConstant.From(assignment.Value, coordinate);
            }
        }

        ReportValues(context, task, blockSize, taskContext);
        if (blockSize is not null && taskContext is not null && !ContextFitsBlockSizeAxes(taskContext, blockSize))
        {
            // The shorter of the two is blamed: leaving out an axis is the usual slip, so the longer one is taken to
            // match the data. Only a context can be fixed without knowing the data (trimmed, or padded with 0).
            if (blockSize.Values.Length < taskContext.Values.Length)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ContextDimensionsMismatch,
                    blockSize.Creation.GetLocation(),
                    "Block size",
                    task.Name,
                    blockSize.Values.Length,
                    "context",
                    taskContext.Values.Length));
            }
            else
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(BlockSizeDimsProperty, blockSize.Values.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ContextDimensionsMismatch,
                    taskContext.Creation.GetLocation(),
                    properties,
                    "Context",
                    task.Name,
                    taskContext.Values.Length,
                    "block size",
                    blockSize.Values.Length));
            }
        }
    }

    private static void AnalyzeDefault(OperationAnalysisContext context, DslTypes types, INamedTypeSymbol coordinate)
    {
        var initializer = (IPropertyInitializerOperation)context.Operation;
        foreach (var property in initializer.InitializedProperties)
        {
            if (property.ContainingType is not { } task || !types.IsTask(task))
            {
                continue;
            }

            var value = CoordinateConstant.From(initializer.Value, coordinate);
            if (types.HasAttribute(property, types.BlockSizeAttribute))
            {
                ReportValues(context, task, value, null);
            }
            else if (types.HasAttribute(property, types.ContextAttribute))
            {
                ReportValues(context, task, null, value);
            }
        }
    }

    // The runtime's rules (DslRules) judge a whole coordinate; applied here value by value, so each bad value is
    // reported where it is written, with the data's dimensions unknown at compile time.
    private const int UnknownDims = -1;

    /// <summary>
    /// The runtime's context rule with the block size's axes standing in for the data's physical axes; zeros, so
    /// that only the number of values can fail (the values themselves are reported one by one).
    /// </summary>
    private static bool ContextFitsBlockSizeAxes(CoordinateConstant taskContext, CoordinateConstant blockSize) =>
        DslRules.ContextProblem(Enumerable.Repeat<long?>(0, taskContext.Values.Length).ToArray(), blockSize.Values.Length) is null;

    private static void ReportValues(OperationAnalysisContext context, INamedTypeSymbol task, CoordinateConstant? blockSize, CoordinateConstant? taskContext)
    {
        for (int axis = 0; blockSize is not null && axis < blockSize.Values.Length; axis++)
        {
            if (DslRules.BlockSizeProblem([blockSize.Values[axis]], UnknownDims) is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BlockSizeNotPositive, blockSize.Arguments[axis].GetLocation(), task.Name, axis, blockSize.Values[axis]));
            }
        }

        for (int axis = 0; taskContext is not null && axis < taskContext.Values.Length; axis++)
        {
            if (DslRules.ContextProblem([taskContext.Values[axis]], UnknownDims) is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ContextNegative, taskContext.Arguments[axis].GetLocation(), task.Name, axis, taskContext.Values[axis]));
            }
        }
    }
}
