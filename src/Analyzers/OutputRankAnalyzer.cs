using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Volara.Generators;
using Volara.Generators.Rules;

namespace Volara.Analyzers;

/// <summary>
/// An output without <c>SpatialOnly</c> is prepared like the task's first input, channel axes included, so its tensor
/// has the first input's rank. When Process indexes the two with different numbers of indices (each consistently),
/// the output will not have the axes Process assumes and every block would fail: the forgotten <c>SpatialOnly</c> of a
/// labels output computed from affinities is the usual cause.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OutputRankAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Set on a diagnostic the fix resolves by declaring the output <c>SpatialOnly</c>.</summary>
    public const string DeclareSpatialOnly = "DeclareSpatialOnly";

    private static readonly ImmutableDictionary<string, string?> SpatialOnlyFixes = ImmutableDictionary<string, string?>.Empty.Add(DeclareSpatialOnly, "true");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.OutputRankMismatch);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { } types)
            {
                start.RegisterSyntaxNodeAction(node => AnalyzeProcess(node, types), SyntaxKind.MethodDeclaration);
            }
        });
    }

    private static void AnalyzeProcess(SyntaxNodeAnalysisContext context, DslTypes types)
    {
        var method = (MethodDeclarationSyntax)context.Node;
        if (method.Identifier.ValueText != KnownNames.ProcessMethod
            || context.SemanticModel.GetDeclaredSymbol(method, context.CancellationToken) is not { ContainingType: { } task } process
            || types.TaskAttributeOf(task) is not { } attribute)
        {
            return;
        }

        var declaration = TaskDeclaration.Read(task, attribute, context.CancellationToken);
        if (declaration.Problems.Count > 0 || declaration.Inputs.Count == 0 || declaration.Process is not { } expected)
        {
            return;
        }

        int first = expected.Parameters.Count - declaration.Inputs.Count - declaration.Outputs.Count;
        var ranks = IndexingRanks(method, process, context.SemanticModel, context.CancellationToken);
        if (!ranks.TryGetValue(process.Parameters[first], out var inputRank) || inputRank.Rank is not { } input)
        {
            return;
        }

        for (int i = 0; i < declaration.Outputs.Count; i++)
        {
            var output = declaration.Outputs[i];
            if (output.SpatialOnly || output.List
                || !ranks.TryGetValue(process.Parameters[first + declaration.Inputs.Count + i], out var outputRank)
                || outputRank.Rank is not { } rank || rank == input)
            {
                continue;
            }

            var portLocation = output.Property.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.OutputRankMismatch,
                outputRank.First.GetLocation(),
                portLocation.IsInSource ? new[] { portLocation } : null,
                rank < input ? SpatialOnlyFixes : ImmutableDictionary<string, string?>.Empty,
                output.Property.Name,
                task.Name,
                declaration.Inputs[0].Property.Name,
                input,
                rank,
                rank < input ? ": declare [Output(SpatialOnly = true)] to prepare it without the input's channel axes" : string.Empty));
        }
    }

    /// <summary>
    /// For each parameter indexed in <paramref name="method"/>, how many indices it is indexed with (null when it varies)
    /// and where first. Each index is one axis, whether a position or a range.
    /// </summary>
    private static Dictionary<IParameterSymbol, (int? Rank, ElementAccessExpressionSyntax First)> IndexingRanks(
        MethodDeclarationSyntax method, IMethodSymbol process, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var ranks = new Dictionary<IParameterSymbol, (int? Rank, ElementAccessExpressionSyntax First)>(SymbolEqualityComparer.Default);
        foreach (var access in method.DescendantNodes().OfType<ElementAccessExpressionSyntax>())
        {
            if (model.GetSymbolInfo(access.Expression, cancellationToken).Symbol is not IParameterSymbol parameter
                || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, process)
                || !access.ArgumentList.Arguments.All(argument => IsOneAxis(model.GetTypeInfo(argument.Expression, cancellationToken).Type)))
            {
                continue;
            }

            int count = access.ArgumentList.Arguments.Count;
            ranks[parameter] = ranks.TryGetValue(parameter, out var known)
                ? (known.Rank == count ? count : null, known.First)
                : (count, access);
        }

        return ranks;
    }

    /// <summary>An index for one axis: an integer, an index or a range (an array or span of them would be several).</summary>
    private static bool IsOneAxis(ITypeSymbol? type) =>
        type is not null && (type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr
            || type.Name is "Index" or "Range" or "NIndex" or "NRange");
}
