using System.Collections.Generic;
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
/// VOL0201: gives a per-offset list (bias, strides) one value per neighbourhood offset, dropping trailing values or
/// repeating the last one (the usual case is one more offset that should behave like its predecessor).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResizePerOffsetListCodeFix))]
[Shared]
public sealed class ResizePerOffsetListCodeFix : VolaraCodeFix
{
    public ResizePerOffsetListCodeFix()
        : base(DiagnosticIds.PerOffsetLengthMismatch, "Give the list one value per neighbourhood offset")
    {
    }

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax list
            || ConstantList.ElementsOf(list) is not { Count: > 0 } values
            || !TryGetNumber(diagnostic, PerOffsetLengthAnalyzer.OffsetsProperty, out var offsets))
        {
            return;
        }

        Offer(context, diagnostic, token => ResizeAsync(context.Document, root, values, offsets, token));
    }

    private static Task<Document> ResizeAsync(Document document, SyntaxNode root, IReadOnlyList<ExpressionSyntax> values, int offsets, CancellationToken token)
    {
        _ = token;
        var last = values[values.Count - 1];
        if (values.Count > offsets)
        {
            // Remove the trailing values together with the separators before them.
            var start = values[offsets - 1].Span.End;
            var end = last.Span.End;
            var text = root.GetText().Replace(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, end), string.Empty);
            return Task.FromResult(document.WithText(text));
        }

        var padding = string.Concat(Enumerable.Repeat(", " + last.WithoutTrivia().ToFullString(), offsets - values.Count));
        var padded = root.GetText().Replace(new Microsoft.CodeAnalysis.Text.TextSpan(last.Span.End, 0), padding);
        return Task.FromResult(document.WithText(padded));
    }
}
