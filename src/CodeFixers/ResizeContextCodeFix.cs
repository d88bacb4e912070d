using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Analyzers;

namespace Volara.CodeFixers;

/// <summary>
/// VOL0004 on a context with fewer axes than the block size: pads it with 0 (no context on the added axes is the only
/// value that cannot change what the other axes read). A block size with fewer axes gets no fix: its missing values
/// cannot be guessed.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResizeContextCodeFix))]
[Shared]
public sealed class ResizeContextCodeFix : VolaraCodeFix
{
    public ResizeContextCodeFix()
        : base(DiagnosticIds.ContextDimensionsMismatch, "Give the context one value per block-size axis")
    {
    }

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root?.FindNode(context.Span) is not { } node
            || node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is not { ArgumentList: { } arguments }
            || !TryGetNumber(diagnostic, TaskCoordinateAnalyzer.BlockSizeDimsProperty, out var dims))
        {
            return;
        }

        Offer(context, diagnostic, token => ResizeAsync(context.Document, root, arguments, dims, token));
    }

    private static Task<Document> ResizeAsync(Document document, SyntaxNode root, ArgumentListSyntax arguments, int dims, CancellationToken token)
    {
        _ = token;
        var kept = arguments.Arguments.Select(a => a.WithoutTrivia());
        var padding = Enumerable.Range(0, System.Math.Max(0, dims - arguments.Arguments.Count))
            .Select(_ => SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0))));
        var values = kept.Concat(padding).ToArray();
        var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), System.Math.Max(0, values.Length - 1));
        var resized = arguments.WithArguments(SyntaxFactory.SeparatedList(values, separators));
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(arguments, resized)));
    }
}
