using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Volara.Generators;

namespace Volara.Analyzers.Tests;

/// <summary>
/// The generator and the declaration analyzer read a task class through the same rules: over a project of deliberate
/// mistakes, the generator completes exactly the task classes that no declaration diagnostic points at.
/// </summary>
public class GeneratorAgreementTests
{
    /// <summary>An innermost <c>{|VOL0001:…|}</c> or <c>{|#0:…|}</c> marker.</summary>
    private static readonly Regex Markup = new(@"\{\|(?:VOL\d{4}|#\d+):((?:(?!\{\|).)*?)\|\}", RegexOptions.Singleline);

    [Fact]
    public async Task The_generator_completes_exactly_the_task_classes_without_a_declaration_diagnostic()
    {
        var source = DeliberateMistakesTests.Source;
        for (string unmarked; (unmarked = Markup.Replace(source, "$1")) != source;)
        {
            source = unmarked;
        }

        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var tree = CSharpSyntaxTree.ParseText(source, options);
        var compilation = CSharpCompilation.Create(
            "Mistakes",
            [tree],
            Verify<TaskDeclarationAnalyzer>.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var driver = CSharpGeneratorDriver.Create([new TaskGenerator().AsSourceGenerator()], parseOptions: options).RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        var completed = driver.GetRunResult().GeneratedTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => c.Parent is not ClassDeclarationSyntax && c.Modifiers.Any(SyntaxKind.PartialKeyword))
            .Select(c => c.Identifier.ValueText)
            .ToHashSet();

        var declarationIds = DiagnosticDescriptors.TaskRules.Values.Select(d => d.Id).ToHashSet();
        var diagnostics = await generated.WithAnalyzers([new TaskDeclarationAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var reported = diagnostics
            .Where(d => declarationIds.Contains(d.Id))
            .Select(d => tree.GetRoot().FindNode(d.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>()!.Identifier.ValueText)
            .ToHashSet();

        var tasks = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Where(c => c.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "VolaraTask"))
            .Select(c => c.Identifier.ValueText)
            .ToList();
        Assert.True(reported.Count >= 8 && completed.Count >= 3, $"{string.Join(",", reported)} reported; {string.Join(",", completed)} completed; of {string.Join(",", tasks)}");
        Assert.Empty(reported.Intersect(completed));
        Assert.Equal(tasks.Order(), reported.Union(completed).Order());
    }

    [Fact]
    public void A_port_still_being_typed_leaves_the_class_alone_without_failing_the_generator()
    {
        const string source = """
            using System.Numerics.Tensors;
            using Volara.Runtime.Dsl;
            using Volara.Runtime.Engine;
            using Volara.Runtime.Geometry;

            [VolaraTask("typing")]
            public sealed partial class Typing
            {
                [Input] public Raw<float>  { get; init; }
                [Output] public Raw<float> OutData { get; init; }
                [BlockSize] public Coordinate BlockSize { get; init; }
                private void Process(Block block, ReadOnlyTensorSpan<float> inData, TensorSpan<float> outData) { }
            }
            """;
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create("Typing", [CSharpSyntaxTree.ParseText(source, options)], Verify<TaskDeclarationAnalyzer>.References);
        var result = CSharpGeneratorDriver.Create([new TaskGenerator().AsSourceGenerator()], parseOptions: options).RunGenerators(compilation).GetRunResult();
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
    }
}
