using Microsoft.CodeAnalysis;
using Volara.Generators.Tests.Support;

namespace Volara.Generators.Tests;

/// <summary>Edits that do not change a task reuse the cached models; a port change recomputes them.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] Steps = [TrackingNames.TaskModels, TrackingNames.ValidTaskModels];

    [Fact]
    public void ACommentOnlyEditLeavesEveryStepCachedOrUnchanged()
    {
        var reasons = ReasonsAfterEdit(tree => tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(TaskSources.Threshold.Replace("partial void Validate()", "// checks nothing yet\n    partial void Validate()"))));

        AssertReused(reasons);
    }

    [Fact]
    public void AnEditOfAnotherFileLeavesEveryStepCachedOrUnchanged()
    {
        var original = GeneratorHarness.Parse(TaskSources.Threshold);
        var compilation = GeneratorHarness.Compile(original);
        var (driver, _) = GeneratorHarness.Run(compilation);

        var edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Samples; public sealed class Unrelated { }", "Unrelated.cs"));
        var (rerun, _) = GeneratorHarness.Run(edited, driver);

        AssertReused(ReasonsOf(rerun));
    }

    [Fact]
    public void AChangedPortElementTypeRecomputesTheModel()
    {
        var reasons = ReasonsAfterEdit(tree => tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(TaskSources.Threshold.Replace("Labels<byte>", "Labels<ushort>").Replace("TensorSpan<byte>", "TensorSpan<ushort>"))));

        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.TaskModels]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.ValidTaskModels]);
    }

    [Fact]
    public void DeclaringAPortStoredRecomputesTheModel()
    {
        var reasons = ReasonsAfterEdit(tree => tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(TaskSources.Threshold
            .Replace("Raw<float>", "Raw<Stored>")
            .Replace("private void Process(Block block, ReadOnlyTensorSpan<float> inData", "private void Process<T>(Block block, ReadOnlyTensorSpan<T> inData")
            .Replace("TensorSpan<byte> mask)", "TensorSpan<byte> mask) where T : unmanaged, System.Numerics.INumber<T>")
            .Replace("source[i] > Value", "double.CreateTruncating(source[i]) > Value"))));

        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.TaskModels]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.ValidTaskModels]);
    }

    private static Dictionary<string, List<IncrementalStepRunReason>> ReasonsAfterEdit(Func<SyntaxTree, SyntaxTree> edit)
    {
        var original = GeneratorHarness.Parse(TaskSources.Threshold);
        var compilation = GeneratorHarness.Compile(original);
        var (driver, _) = GeneratorHarness.Run(compilation);
        var (rerun, _) = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(original, edit(original)), driver);
        return ReasonsOf(rerun);
    }

    private static Dictionary<string, List<IncrementalStepRunReason>> ReasonsOf(GeneratorDriver driver)
    {
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        return Steps.ToDictionary(
            name => name,
            name => steps[name].SelectMany(step => step.Outputs).Select(output => output.Reason).ToList());
    }

    private static void AssertReused(Dictionary<string, List<IncrementalStepRunReason>> reasons)
    {
        foreach (var (step, list) in reasons)
        {
            Assert.NotEmpty(list);
            Assert.All(list, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} was {reason}"));
        }
    }
}
