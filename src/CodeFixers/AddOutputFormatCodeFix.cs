using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Volara.Analyzers;

namespace Volara.CodeFixers;

/// <summary>
/// VOL0018 on a list output (the class declares no <c>OutputFormat</c>): adds the method after the task's properties,
/// as a stub that throws until the author says each entry's channels and data type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOutputFormatCodeFix))]
[Shared]
public sealed class AddOutputFormatCodeFix : VolaraCodeFix
{
    private const string Stub =
        "private global::Volara.Runtime.Dsl.OutputFormat OutputFormat(string field, int index) =>"
        + " throw new global::System.NotImplementedException($\"channels and data type of {field}[{index}]\");";

    public AddOutputFormatCodeFix()
        : base(DiagnosticIds.OutputFormatMissing, "Add an OutputFormat stub")
    {
    }

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        // Only the diagnostic on the list output means "none declared"; one on a declared OutputFormat needs the author.
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { Parent: ClassDeclarationSyntax task })
        {
            return;
        }

        var lastProperty = task.Members.OfType<PropertyDeclarationSyntax>().Last();
        // Ends its line as the property before it does, so what follows keeps its own line and spacing.
        var method = SyntaxFactory.ParseMemberDeclaration(Stub)!
            .WithTrailingTrivia(lastProperty.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        Offer(context, context.Diagnostics.First(), _ => Task.FromResult(context.Document.WithSyntaxRoot(
            root.ReplaceNode(task, task.InsertNodesAfter(lastProperty, new[] { method })))));
    }
}
