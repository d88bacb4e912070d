using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Volara.Analyzers.Tests;

/// <summary>
/// Runs an analyzer (and a fixer) on a snippet compiled offline against .NET 10 reference assemblies plus the
/// runtime (DSL attributes, typed datasets, tensor spans). <c>{|VOL0001:…|}</c> markup marks where each diagnostic must be, and nowhere else.
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        Configure(test, test.TestState);
        return test.RunAsync();
    }

    /// <summary>Compiler diagnostics in <paramref name="alsoExpected"/> are expected before and after the fix.</summary>
    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource, params DiagnosticResult[] alsoExpected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(alsoExpected);
        test.FixedState.ExpectedDiagnostics.AddRange(alsoExpected);
        Configure(test, test.TestState);
        return test.RunAsync();
    }

    /// <summary>A fix whose diagnostics cannot be written as markup (they have additional locations): expected before the fix only.</summary>
    public static Task CodeFixOfExplicitAsync<TCodeFix>(string source, string fixedSource, DiagnosticResult expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.Add(expected);
        Configure(test, test.TestState);
        return test.RunAsync();
    }

    /// <summary>.NET 10 reference assemblies (offline), the runtime and the tensor spans.</summary>
    public static IEnumerable<MetadataReference> References =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Volara.Runtime.Dsl.VolaraTaskAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorSpan<>).Assembly.Location),
    ];

    private static void Configure(AnalyzerTest<DefaultVerifier> test, SolutionState state)
    {
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(References);
    }
}
