using System;
using System.Globalization;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Volara.CodeFixers;

/// <summary>
/// What every Volara fixer shares: it fixes one diagnostic id, its title doubles as the equivalence key (so Fix All
/// groups the fixes of one kind), and its edits are local, so Fix All batches them.
/// </summary>
public abstract class VolaraCodeFix : CodeFixProvider
{
    private protected VolaraCodeFix(string diagnosticId, string title)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        Title = title;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <summary>The title shown in the IDE and the equivalence key.</summary>
    protected string Title { get; }

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>Offers a fix that edits one document.</summary>
    private protected void Offer(CodeFixContext context, ImmutableArray<Diagnostic> diagnostics, Func<CancellationToken, Task<Document>> fix) =>
        context.RegisterCodeFix(CodeAction.Create(Title, fix, equivalenceKey: Title), diagnostics);

    /// <summary>Offers a fix that edits one document.</summary>
    private protected void Offer(CodeFixContext context, Diagnostic diagnostic, Func<CancellationToken, Task<Document>> fix) =>
        context.RegisterCodeFix(CodeAction.Create(Title, fix, equivalenceKey: Title), diagnostic);

    /// <summary>Offers a fix that edits another document of the solution (e.g. a port declared elsewhere).</summary>
    private protected void Offer(CodeFixContext context, Diagnostic diagnostic, Func<CancellationToken, Task<Solution>> fix) =>
        context.RegisterCodeFix(CodeAction.Create(Title, fix, equivalenceKey: Title), diagnostic);

    /// <summary>Reads a whole number the analyzer passed along in the diagnostic's properties.</summary>
    private protected static bool TryGetNumber(Diagnostic diagnostic, string property, out int value)
    {
        value = 0;
        return diagnostic.Properties.TryGetValue(property, out var text)
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
