using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Analyzers;

namespace Volara.CodeFixers;

/// <summary>VOL0001: adds <c>partial</c> to the task class, right before the <c>class</c> keyword.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTaskPartialCodeFix))]
[Shared]
public sealed class MakeTaskPartialCodeFix : CodeFixProvider
{
    private const string Title = "Make the task class partial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TaskNotPartial);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not { } node || node.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, token => MakePartialAsync(context.Document, root, declaration, token), equivalenceKey: Title),
            context.Diagnostics);
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
