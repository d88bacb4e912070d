using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Analyzers;

namespace Volara.CodeFixers;

/// <summary>VOL0204: removes the offset the neighbourhood does not have from its list (score group).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveOffsetCodeFix))]
[Shared]
public sealed class RemoveOffsetCodeFix : VolaraCodeFix
{
    public RemoveOffsetCodeFix()
        : base(DiagnosticIds.OffsetNotInNeighborhood, "Remove the offset the neighbourhood does not have")
    {
    }

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is BaseObjectCreationExpressionSyntax offset
                && RemovableElement(offset) is { } element)
            {
                Offer(context, diagnostic, token => RemoveAsync(context.Document, element, token));
            }
        }
    }

    /// <summary>The list element the offset is: an element of a collection expression or of an array/collection initializer.</summary>
    private static SyntaxNode? RemovableElement(ExpressionSyntax offset) => offset.Parent switch
    {
        ExpressionElementSyntax element => element,
        InitializerExpressionSyntax => offset,
        _ => null,
    };

    private static async Task<Document> RemoveAsync(Document document, SyntaxNode element, CancellationToken token)
    {
        var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
        // The last element goes with the comma before it; its trailing space then still separates the list from its brace.
        bool last = element.GetLastToken().GetNextToken().Kind() is not SyntaxKind.CommaToken;
        var options = last ? SyntaxRemoveOptions.KeepTrailingTrivia : SyntaxRemoveOptions.KeepNoTrivia;
        return root?.RemoveNode(element, options) is { } fixedRoot ? document.WithSyntaxRoot(fixedRoot) : document;
    }
}
