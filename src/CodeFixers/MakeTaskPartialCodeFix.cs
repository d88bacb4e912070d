using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Analyzers;

namespace Volara.CodeFixers;

/// <summary>VOL0001: adds <c>partial</c> to the task class, right before the <c>class</c> keyword.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTaskPartialCodeFix))]
[Shared]
public sealed class MakeTaskPartialCodeFix : VolaraCodeFix
{
    public MakeTaskPartialCodeFix()
        : base(DiagnosticIds.TaskNotPartial, "Make the task class partial")
    {
    }

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not { } node || node.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration)
        {
            return;
        }

        Offer(context, context.Diagnostics, token => MakePartialAsync(context.Document, root, declaration, token));
    }

    private static Task<Document> MakePartialAsync(Document document, SyntaxNode root, ClassDeclarationSyntax declaration, CancellationToken token)
    {
        _ = token;
        ClassDeclarationSyntax updated;
        if (declaration.Modifiers.Count == 0)
        {
            // The class keyword carries the leading trivia (indentation, doc comment); it moves to the new modifier.
            var partial = SyntaxFactory.Token(declaration.Keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            updated = declaration
                .WithKeyword(declaration.Keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }
        else
        {
            updated = declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        }

        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(declaration, updated)));
    }
}
