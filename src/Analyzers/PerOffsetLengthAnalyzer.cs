using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Volara.Runtime.Dsl.Rules;

namespace Volara.Analyzers;

/// <summary>
/// Checks that each <c>[PerOffset(nameof(Neighborhood))]</c> list (bias, strides) has one value per neighbourhood
/// offset, where both are written out in source: where a task is created (falling back to the property defaults for
/// the one not set there) and in the defaults themselves.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PerOffsetLengthAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property with the neighbourhood's number of offsets; present only when the reported list is the per-offset one.</summary>
    public const string OffsetsProperty = "Offsets";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PerOffsetLengthMismatch);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { PerOffsetAttribute: not null } types)
            {
                start.RegisterOperationAction(op => AnalyzeCreation(op, types), OperationKind.ObjectCreation);
                start.RegisterSymbolAction(symbol => AnalyzeDefaults(symbol, types), SymbolKind.Property);
            }
        });
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, DslTypes types)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol task || !types.IsTask(task) || creation.Initializer is null)
        {
            return;
        }

        var assigned = new Dictionary<string, ExpressionSyntax>();
        foreach (var assignment in creation.Initializer.Initializers.OfType<ISimpleAssignmentOperation>())
        {
            if (assignment.Target is IPropertyReferenceOperation { Property: var property } && assignment.Value.Syntax is ExpressionSyntax value)
            {
                assigned[property.Name] = value;
            }
        }

        foreach (var perOffset in task.GetMembers().OfType<IPropertySymbol>())
        {
            if (types.PerOffsetNeighborhood(perOffset) is not { } neighborhoodName
                || task.GetMembers(neighborhoodName).OfType<IPropertySymbol>().FirstOrDefault() is not { } neighborhood)
            {
                continue;
            }

            var listSetHere = assigned.TryGetValue(perOffset.Name, out var listValue);
            var offsetsSetHere = assigned.TryGetValue(neighborhood.Name, out var offsetsValue);
            if (!listSetHere && !offsetsSetHere)
            {
                continue; // the defaults alone are checked once, on the declaration
            }

            var list = listSetHere ? listValue : ConstantList.DefaultOf(perOffset, context.CancellationToken);
            var offsets = offsetsSetHere ? offsetsValue : ConstantList.DefaultOf(neighborhood, context.CancellationToken);
            Check(context.ReportDiagnostic, task, perOffset, neighborhood, list, offsets, reportOnList: listSetHere);
        }
    }

    private static void AnalyzeDefaults(SymbolAnalysisContext context, DslTypes types)
    {
        var perOffset = (IPropertySymbol)context.Symbol;
        if (types.PerOffsetNeighborhood(perOffset) is not { } neighborhoodName
            || perOffset.ContainingType is not { } task
            || !types.IsTask(task)
            || task.GetMembers(neighborhoodName).OfType<IPropertySymbol>().FirstOrDefault() is not { } neighborhood)
        {
            return;
        }

        var list = ConstantList.DefaultOf(perOffset, context.CancellationToken);
        var offsets = ConstantList.DefaultOf(neighborhood, context.CancellationToken);
        Check(context.ReportDiagnostic, task, perOffset, neighborhood, list, offsets, reportOnList: true);
    }

    private static void Check(
        System.Action<Diagnostic> report,
        INamedTypeSymbol task,
        IPropertySymbol perOffset,
        IPropertySymbol neighborhood,
        ExpressionSyntax? list,
        ExpressionSyntax? offsets,
        bool reportOnList)
    {
        if (list is null || offsets is null
            || ConstantList.ElementsOf(list) is not { } values
            || ConstantList.ElementsOf(offsets) is not { } offsetValues
            || NeighborhoodRules.PerOffsetLengthMatches(offsetValues.Count, values.Count))
        {
            return;
        }

        var properties = reportOnList
            ? ImmutableDictionary<string, string?>.Empty.Add(OffsetsProperty, offsetValues.Count.ToString(CultureInfo.InvariantCulture))
            : ImmutableDictionary<string, string?>.Empty;
        report(Diagnostic.Create(
            DiagnosticDescriptors.PerOffsetLengthMismatch,
            (reportOnList ? list : offsets).GetLocation(),
            properties,
            perOffset.Name,
            task.Name,
            values.Count,
            neighborhood.Name,
            offsetValues.Count));
    }
}
