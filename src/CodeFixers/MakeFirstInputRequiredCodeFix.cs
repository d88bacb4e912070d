using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Analyzers;

namespace Volara.CodeFixers;

/// <summary>VOL0009: drops the <c>?</c> of the first input's type, making the port required.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeFirstInputRequiredCodeFix))]
[Shared]
public sealed class MakeFirstInputRequiredCodeFix : VolaraCodeFix
{
    public MakeFirstInputRequiredCodeFix()
        : base(DiagnosticIds.FirstInputOptional, "Make the first input required")
    {
    }

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { Type: NullableTypeSyntax nullable })
        {
            return;
        }

        // The '?' goes, the trivia around the type (the space before the property name) stays.
        var required = nullable.ElementType.WithLeadingTrivia(nullable.GetLeadingTrivia()).WithTrailingTrivia(nullable.GetTrailingTrivia());
        Offer(context, context.Diagnostics.First(), _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(nullable, required))));
    }
}
