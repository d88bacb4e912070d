using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>
/// Checks voxel sizes given as constants to datasets (<c>new Raw { VoxelSize = new Coordinate(…) }</c>): every value
/// positive, and, where the dataset is a port of a task created with a constant block size, one value per block-size axis.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VoxelSizeAnalyzer : DiagnosticAnalyzer
{
    private const string VoxelSizeProperty = "VoxelSize";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.VoxelSizeNotPositive,
        DiagnosticDescriptors.VoxelSizeDimensionsMismatch);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { Coordinate: { } coordinate, Dataset: not null } types)
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
        if (creation.Type is not INamedTypeSymbol type || creation.Initializer is null)
        {
            return;
        }

        if (types.IsDataset(type))
        {
            ReportNonPositive(report, creation, coordinate);
        }
        else if (types.IsTask(type))
        {
            ReportDimensions(report, types, type, creation, coordinate);
        }
    }

    private static void ReportNonPositive(System.Action<Diagnostic> report, IObjectCreationOperation dataset, INamedTypeSymbol coordinate)
    {
        if (DatasetCreation.Member(dataset, VoxelSizeProperty) is not { } value || CoordinateConstant.From(value, coordinate) is not { } voxelSize)
        {
            return;
        }

        for (int axis = 0; axis < voxelSize.Values.Length; axis++)
        {
            if (voxelSize.Values[axis] <= 0)
            {
                report(Diagnostic.Create(
                    DiagnosticDescriptors.VoxelSizeNotPositive, voxelSize.Arguments[axis].GetLocation(), DatasetCreation.Describe(dataset), axis, voxelSize.Values[axis]));
            }
        }
    }

    private static void ReportDimensions(System.Action<Diagnostic> report, DslTypes types, INamedTypeSymbol task, IObjectCreationOperation creation, INamedTypeSymbol coordinate)
    {
        CoordinateConstant? blockSize = null;
        foreach (var member in creation.Initializer!.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment
                && types.HasAttribute(property, types.BlockSizeAttribute))
            {
                blockSize = CoordinateConstant.From(assignment.Value, coordinate);
            }
        }

        if (blockSize is null)
        {
            return;
        }

        foreach (var member in creation.Initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var port } } assignment
                && (types.HasAttribute(port, types.InputAttribute) || types.HasAttribute(port, types.OutputAttribute))
                && DatasetCreation.Of(assignment.Value) is { } dataset
                && DatasetCreation.Member(dataset, VoxelSizeProperty) is { } value
                && CoordinateConstant.From(value, coordinate) is { } voxelSize
                && voxelSize.Values.Length != blockSize.Values.Length)
            {
                report(Diagnostic.Create(
                    DiagnosticDescriptors.VoxelSizeDimensionsMismatch, voxelSize.Creation.GetLocation(), port.Name, task.Name, voxelSize.Values.Length, blockSize.Values.Length));
            }
        }
    }
}
