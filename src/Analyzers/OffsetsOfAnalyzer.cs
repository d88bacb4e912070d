using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>
/// Checks, where a task is created, that each constant offset of an <c>[OffsetsOf(nameof(Affs))]</c> parameter (score
/// groups) is in the neighbourhood the affinities dataset is given as constants in the same creation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OffsetsOfAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.OffsetNotInNeighborhood);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { OffsetsOfAttribute: not null, Coordinate: { } coordinate } types)
            {
                // Per body, not per creation: an offending value may sit in a local initialised before the task is created,
                // and a diagnostic (with its fix) must lie in the code being analyzed.
                start.RegisterOperationBlockAction(block =>
                {
                    foreach (var creation in block.OperationBlocks.SelectMany(b => b.DescendantsAndSelf()).OfType<IObjectCreationOperation>())
                    {
                        AnalyzeCreation(creation, block.ReportDiagnostic, types, coordinate);
                    }
                });
            }
        });
    }

    private static void AnalyzeCreation(IObjectCreationOperation creation, System.Action<Diagnostic> report, DslTypes types, INamedTypeSymbol coordinate)
    {
        if (creation.Type is not INamedTypeSymbol task || !types.IsTask(task) || creation.Initializer is null)
        {
            return;
        }

        foreach (var member in creation.Initializer.Initializers)
        {
            if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var parameter } } assignment
                || types.NamedArgumentOf(parameter, types.OffsetsOfAttribute) is not { } affinitiesName
                || DatasetCreation.Member(creation, affinitiesName) is not { } affinities
                || DatasetCreation.Of(affinities) is not { } dataset
                || DatasetCreation.Member(dataset, "Neighborhood") is not { } neighborhoodValue
                || ConstantOffsets(neighborhoodValue, coordinate) is not { } neighborhood)
            {
                continue;
            }

            var known = new HashSet<string>(neighborhood.Select(offset => Key(offset.Values)));
            var value = LocalValues.Resolve(assignment.Value);
            foreach (var offset in value.DescendantsAndSelf().OfType<IObjectCreationOperation>())
            {
                if (CoordinateConstant.From(offset, coordinate) is { } constant && !known.Contains(Key(constant.Values)))
                {
                    report(Diagnostic.Create(
                        DiagnosticDescriptors.OffsetNotInNeighborhood,
                        constant.Creation.GetLocation(),
                        Display(constant.Values),
                        parameter.Name,
                        task.Name,
                        affinitiesName,
                        string.Join(", ", neighborhood.Select(o => Display(o.Values)))));
                }
            }
        }
    }

    /// <summary>The offsets of a neighbourhood written out as constant coordinates; null when any is not one.</summary>
    private static IReadOnlyList<CoordinateConstant>? ConstantOffsets(IOperation value, INamedTypeSymbol coordinate)
    {
        IEnumerable<IOperation>? elements = LocalValues.Resolve(value) switch
        {
            ICollectionExpressionOperation collection => collection.Elements,
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            IObjectCreationOperation { Initializer: { } initializer } => initializer.Initializers.Select(i => i is IInvocationOperation { Arguments.Length: 1 } add ? add.Arguments[0].Value : i),
            _ => null,
        };
        if (elements is null)
        {
            return null;
        }

        var offsets = new List<CoordinateConstant>();
        foreach (var element in elements)
        {
            if (CoordinateConstant.From(element, coordinate) is not { } offset)
            {
                return null;
            }

            offsets.Add(offset);
        }

        return offsets;
    }

    private static string Key(ImmutableArray<long> values) => string.Join(",", values);

    private static string Display(ImmutableArray<long> values) => "(" + string.Join(", ", values) + ")";
}
