using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Volara.Analyzers;

/// <summary>Checks the shape of each [VolaraTask] class: partial, and one Process matching its ports.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskDeclarationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TaskNotPartial,
        DiagnosticDescriptors.ProcessMissing,
        DiagnosticDescriptors.ProcessSignatureMismatch);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DslTypes.From(start.Compilation) is { } types)
            {
                start.RegisterSymbolAction(symbol => AnalyzeType(symbol, types), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, DslTypes types)
    {
        var task = (INamedTypeSymbol)context.Symbol;
        if (!types.IsTask(task))
        {
            return;
        }

        var declarations = task.DeclaringSyntaxReferences
            .Select(reference => reference.GetSyntax(context.CancellationToken))
            .OfType<ClassDeclarationSyntax>()
            .ToArray();
        if (declarations.Length == 0)
        {
            return;
        }

        if (!declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TaskNotPartial, declarations[0].Identifier.GetLocation(), task.Name));
        }

        if (TaskPorts.Of(task, types) is not { } ports)
        {
            return;
        }

        var processes = task.GetMembers("Process").OfType<IMethodSymbol>().Where(m => !m.IsStatic).ToArray();
        if (processes.Length == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProcessMissing, declarations[0].Identifier.GetLocation(), task.Name, ports.Signature()));
            return;
        }

        foreach (var process in processes.Where(p => !ports.Matches(p)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProcessSignatureMismatch, process.Locations[0], task.Name, ports.Signature()));
        }
    }
}
