using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Volara.Generators.Tests.Support;

/// <summary>Compiles task sources against the runtime and runs the generator over them, tracking its steps.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    // The framework's own assemblies plus the runtime (and the tensor package it uses); nothing from the tests,
    // so sources may reuse the names of the test project's tasks.
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Where(path => System.IO.Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(Volara.Runtime.Dsl.VolaraTaskAttribute).Assembly.Location),
    ];

    public static SyntaxTree Parse(string source, string path = "Task.cs") => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static CSharpCompilation Compile(params SyntaxTree[] trees) =>
        CSharpCompilation.Create(
            "DslUnderTest",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new TaskGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the driver (for a second run) and the compilation with the generated sources.</summary>
    public static (GeneratorDriver Driver, Compilation Output) Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver, output);
    }

    /// <summary>The generated files by hint name.</summary>
    public static IReadOnlyDictionary<string, string> GeneratedSources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(source => source.HintName, source => source.SourceText.ToString());

    /// <summary>Errors of a compilation, formatted for an assertion message.</summary>
    public static string[] Errors(Compilation compilation) =>
        [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())];
}
