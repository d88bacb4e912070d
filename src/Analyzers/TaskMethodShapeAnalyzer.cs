using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Volara.Generators.Rules;

namespace Volara.Analyzers;

/// <summary>
/// The task methods the generator calls and otherwise silently skips a task for: a <c>CreateWorkerState()</c> it can
/// call once per worker, and, behind every list output, an <c>OutputFormat OutputFormat(string field, int index)</c>.
/// The shapes are the generator's own rules (<see cref="TaskMethodRules"/>), so the two cannot disagree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskMethodShapeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.WorkerStateUnusable,
        DiagnosticDescriptors.OutputFormatMissing);

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
        if (!types.IsTask(task) || !task.Locations.Any(location => location.IsInSource))
        {
            return;
        }

        var workerStates = TaskMethodRules.WorkerStateCandidates(task);
        foreach (var method in workerStates)
        {
            if (TaskMethodRules.WorkerStateProblem(method, workerStates.Count) is { } problem && SourceLocation(method) is { } location)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WorkerStateUnusable, location, task.Name, problem));
            }
        }

        var listOutput = task.GetMembers().OfType<IPropertySymbol>()
            .FirstOrDefault(property => types.HasAttribute(property, types.OutputAttribute) && types.IsDatasetList(property.Type));
        if (listOutput is null || TaskMethodRules.HasOutputFormat(task))
        {
            return;
        }

        var formats = TaskMethodRules.OutputFormatCandidates(task).Where(method => SourceLocation(method) is not null).ToArray();
        if (formats.Length == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.OutputFormatMissing, listOutput.Locations[0], listOutput.Name, task.Name, ", but the class declares none"));
            return;
        }

        // The declared ones are near misses: point at each, saying what keeps the generator from calling it.
        foreach (var method in formats)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.OutputFormatMissing, SourceLocation(method), listOutput.Name, task.Name, $", but its OutputFormat {TaskMethodRules.OutputFormatProblem(method)}"));
        }
    }

    private static Location? SourceLocation(IMethodSymbol method) => method.Locations.FirstOrDefault(location => location.IsInSource);
}
