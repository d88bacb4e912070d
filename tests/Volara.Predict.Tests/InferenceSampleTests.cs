using Volara.Runtime.Tests.Support;
using Volara.Samples.Inference;

namespace Volara.Predict.Tests;

/// <summary>samples/Inference end to end on a small volume: Predict's affinities must segment the cells.</summary>
public sealed class InferenceSampleTests
{
    [Fact]
    public void RawToScoredSegmentation()
    {
        using var directory = new TempDirectory();
        using var output = new StringWriter();
        var scores = InferenceDemo.Run([directory.Path, "--shape", "30,120,120", "--mode", "threads", "--workers", "2"], output);
        Assert.NotNull(scores);
        Assert.True(scores.AdaptedRandError < 0.05, output.ToString());
        Assert.True(scores.Voi < 0.3, output.ToString());
        Assert.Contains("against the ground truth", output.ToString());
    }
}
