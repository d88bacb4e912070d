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

/// <summary>VOL0022: declares the output <c>[Output(SpatialOnly = true)]</c>, on its property wherever it is declared.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareSpatialOnlyCodeFix))]
[Shared]
public sealed class DeclareSpatialOnlyCodeFix : VolaraCodeFix
{
    public DeclareSpatialOnlyCodeFix()
        : base(DiagnosticIds.OutputRankMismatch, "Declare the output SpatialOnly")
    {
    }

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics.First();
        // Only an output indexed with fewer indices than the first input is one that lacks SpatialOnly.
        if (diagnostic.AdditionalLocations.FirstOrDefault() is { SourceTree: { } tree } port
            && context.Document.Project.Solution.GetDocument(tree) is { } document
            && diagnostic.Properties.ContainsKey(OutputRankAnalyzer.DeclareSpatialOnly))
        {
            Offer(context, diagnostic, token => FixAsync(document, port, token));
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> FixAsync(Document document, Location port, CancellationToken token)
    {
        var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
        if (root?.FindNode(port.SourceSpan).FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { } property
            || property.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(IsOutput) is not { } output)
        {
            return document.Project.Solution;
        }

        var spatialOnly = SyntaxFactory.AttributeArgument(
            SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("SpatialOnly")),
            null,
            SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
        var arguments = output.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var fixedOutput = output.WithArgumentList(arguments.AddArguments(spatialOnly)).NormalizeWhitespace().WithTriviaFrom(output);
        return document.WithSyntaxRoot(root.ReplaceNode(output, fixedOutput)).Project.Solution;
    }

    private static bool IsOutput(AttributeSyntax attribute) =>
        attribute.Name.ToString() is "Output" or "OutputAttribute" || attribute.Name.ToString().EndsWith(".Output", System.StringComparison.Ordinal)
        || attribute.Name.ToString().EndsWith(".OutputAttribute", System.StringComparison.Ordinal);
}
