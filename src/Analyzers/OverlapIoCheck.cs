using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Volara.Generators;
using Volara.Generators.Rules;

namespace Volara.Analyzers;

/// <summary>
/// VOL0023, for <see cref="TaskDeclarationAnalyzer"/>: <c>OverlapIo = true</c> where it cannot overlap what it promises —
/// on a whole-volume task (one block), or with a list output that <c>Process</c> writes itself while the worker state
/// keeps nothing pending (<c>IPendingWrites</c>), so that those writes stay in the compute stage.
/// </summary>
internal static class OverlapIoCheck
{
    /// <summary>Reports VOL0023 for <paramref name="declaration"/>, a declaration that breaks no rule.</summary>
    public static void Report(SymbolAnalysisContext context, AttributeData attribute, TaskDeclaration declaration)
    {
        if (!declaration.OverlapIo)
        {
            return;
        }

        if (declaration.WholeRoi)
        {
            Report("has nothing to overlap: a whole-volume task runs one block");
            return;
        }

        if (!declaration.WorkerStateKeepsWritesPending && declaration.Outputs.FirstOrDefault(output => output.List) is { } list)
        {
            Report($"leaves the writes of list output '{list.Property.Name}' inside Process, where they do not overlap the next block: keep them pending in a worker state that implements IPendingWrites");
        }

        void Report(string why) => context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.OverlapIoWithoutEffect, OverlapIoArgument(attribute, context) ?? context.Symbol.Locations[0], context.Symbol.Name, why));
    }

    private static Location? OverlapIoArgument(AttributeData attribute, SymbolAnalysisContext context) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == KnownNames.OverlapIo)
            ?.GetLocation();
}
