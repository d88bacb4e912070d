using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Volara.Analyzers;

namespace Volara.CodeFixers;

/// <summary>
/// VOL0102: changes the consuming port's element type (in the task class, wherever it is declared) to the
/// producer's, e.g. <c>Labels&lt;uint&gt;</c> to <c>Labels&lt;ulong&gt;</c>. Process then follows with VOL0003's fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MatchProducerElementTypeCodeFix))]
[Shared]
public sealed class MatchProducerElementTypeCodeFix : VolaraCodeFix
{
    public MatchProducerElementTypeCodeFix()
        : base(DiagnosticIds.DatasetElementTypeMismatch, "Read the dataset with the element type it is written with")
    {
    }

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.AdditionalLocations.FirstOrDefault() is { SourceTree: { } portTree } portLocation
                && diagnostic.Properties.TryGetValue(PipelineDatasetAnalyzer.ProducerElementTypeProperty, out var producerType)
                && producerType is not null
                && context.Document.Project.Solution.GetDocument(portTree) is { } portDocument)
            {
                Offer(context, diagnostic, token => RetypeAsync(portDocument, portLocation, producerType, token));
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> RetypeAsync(Document document, Location portLocation, string producerType, CancellationToken token)
    {
        var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
        if (root?.FindNode(portLocation.SourceSpan).FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { } port
            || port.Type.DescendantNodesAndSelf().OfType<GenericNameSyntax>().LastOrDefault() is not { TypeArgumentList.Arguments.Count: 1 } dataset)
        {
            return document.Project.Solution;
        }

        var elementType = SyntaxFactory.ParseTypeName(producerType).WithAdditionalAnnotations(Simplifier.Annotation);
        var retyped = dataset.WithTypeArgumentList(SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(elementType)));
        return document.WithSyntaxRoot(root.ReplaceNode(dataset, retyped)).Project.Solution;
    }
}
