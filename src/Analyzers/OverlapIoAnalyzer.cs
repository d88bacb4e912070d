using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Volara.Generators;
using Volara.Generators.Rules;

namespace Volara.Analyzers;

/// <summary>
/// VOL0023: <c>OverlapIo = true</c> where it cannot overlap what it promises — on a whole-volume task (one block), or
/// with a list output that <c>Process</c> writes itself while the worker state keeps nothing pending
/// (<c>IPendingWrites</c>), so that those writes stay in the compute stage. Read from the generator's own
/// <see cref="TaskDeclaration"/>; a class that breaks a rule gets that rule's error instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OverlapIoAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.OverlapIoWithoutEffect];

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
        if (!declaration.OverlapIo || declaration.Problems.Count > 0)
        {
            return;
        }

        var location = OverlapIoArgument(attribute, context) ?? task.Locations[0];
        if (declaration.WholeRoi)
        {
            Report("has nothing to overlap: a whole-volume task runs one block");
            return;
        }

        bool keepsWritesPending = declaration.WorkerState is { } state
            && (state.ToDisplayString() == KnownNames.PendingWrites || state.AllInterfaces.Any(i => i.ToDisplayString() == KnownNames.PendingWrites));
        if (!keepsWritesPending && declaration.Outputs.FirstOrDefault(output => output.List) is { } list)
        {
            Report($"leaves the writes of list output '{list.Property.Name}' inside Process, where they do not overlap the next block: keep them pending in a worker state that implements IPendingWrites");
        }

        void Report(string why) =>
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OverlapIoWithoutEffect, location, task.Name, why));
    }

    private static Location? OverlapIoArgument(AttributeData attribute, SymbolAnalysisContext context) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == KnownNames.OverlapIo)
            ?.GetLocation();
}
