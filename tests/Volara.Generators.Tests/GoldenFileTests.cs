using Volara.Generators.Tests.Support;

namespace Volara.Generators.Tests;

/// <summary>The generated source, compared with checked-in baselines; the output must compile without errors.</summary>
public sealed class GoldenFileTests
{
    [Theory]
    [InlineData(nameof(TaskSources.Threshold), TaskSources.Threshold)]
    [InlineData(nameof(TaskSources.TwoPorts), TaskSources.TwoPorts)]
    [InlineData(nameof(TaskSources.StoredOptional), TaskSources.StoredOptional)]
    [InlineData(nameof(TaskSources.WholeRoi), TaskSources.WholeRoi)]
    [InlineData(nameof(TaskSources.DerivedGeometry), TaskSources.DerivedGeometry)]
    [InlineData(nameof(TaskSources.ListOutput), TaskSources.ListOutput)]
    [InlineData(nameof(TaskSources.OverlapIo), TaskSources.OverlapIo)]
    [InlineData(nameof(TaskSources.Checks), TaskSources.Checks)]
    [InlineData(nameof(TaskSources.ValueContract), TaskSources.ValueContract)]
    public void GeneratedSourceMatchesItsBaselineAndCompiles(string name, string source)
    {
        var (driver, output) = GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorHarness.Parse(source)));

        Assert.Empty(GeneratorHarness.Errors(output));
        Baselines.Match(name, GeneratorHarness.GeneratedSources(driver));
    }

    [Fact]
    public void ClassesThatBreakTheRulesGetNoSourceAndTheGeneratorReportsNothing()
    {
        var (driver, _) = GeneratorHarness.Run(GeneratorHarness.Compile(GeneratorHarness.Parse(TaskSources.Invalid)));
        var result = driver.GetRunResult();

        Assert.Empty(result.GeneratedTrees);
        Assert.Empty(result.Diagnostics);
    }
}
