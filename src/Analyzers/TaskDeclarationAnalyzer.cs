using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Volara.Generators.Rules;

namespace Volara.Analyzers;

/// <summary>
/// Reports every rule a <c>[VolaraTask]</c> class breaks, as the generator's own <see cref="TaskDeclaration"/> reads
/// them: the class the generator leaves alone is exactly the class these diagnostics point at (otherwise the user would
/// only see the compile errors of a class that was never completed). A class that breaks none is checked for an
/// <c>OverlapIo</c> without effect (<see cref="OverlapIoCheck"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskDeclarationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [.. DiagnosticDescriptors.TaskRules.Values, DiagnosticDescriptors.OverlapIoWithoutEffect];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { } types)
            {
                start.RegisterSymbolAction(symbol => AnalyzeTask(symbol, types), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeTask(SymbolAnalysisContext context, DslTypes types)
    {
        var task = (INamedTypeSymbol)context.Symbol;
        if (types.TaskAttributeOf(task) is not { } attribute || !task.Locations.Any(location => location.IsInSource))
        {
            return;
        }

        var declaration = TaskDeclaration.Read(task, attribute, context.CancellationToken);
        foreach (var problem in declaration.Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TaskRules[problem.Rule], problem.Location, problem.Arguments));
        }

        if (declaration.Problems.Count == 0)
        {
            OverlapIoCheck.Report(context, attribute, declaration);
        }
    }
}
