using Volara.Runtime.Progress;

namespace Volara.Runtime.Tests.Progress;

public sealed class ProgressLineTests
{
    [Fact]
    public void FinishedLineMatchesTheTqdmLayout()
    {
        var snapshot = new ProgressSnapshot("copy", 75, 75, TimeSpan.FromSeconds(26.6), "chunks", ProgressState.Succeeded);

        Assert.Equal("copy ✔: 100%|████████████████████| 75/75 [00:26<00:00, 2.82chunks/s]", ProgressLine.Format(snapshot));
    }

    [Fact]
    public void RunningLineShowsPartialBarAndRemainingTime()
    {
        // 3/8 of 20 cells = 7.5 cells: 7 full blocks and a half block.
        var snapshot = new ProgressSnapshot("copy", 30, 80, TimeSpan.FromSeconds(6), "chunks", ProgressState.Running);

        Assert.Equal("copy ▶:  37%|███████▌            | 30/80 [00:06<00:10, 5.00chunks/s]", ProgressLine.Format(snapshot));
    }

    [Fact]
    public void SlowWorkIsShownAsSecondsPerUnit()
    {
        var snapshot = new ProgressSnapshot("copy", 3, 8, TimeSpan.FromSeconds(6), "chunks", ProgressState.Running);

        Assert.Equal("copy ▶:  37%|███████▌            | 3/8 [00:06<00:10, 2.00s/chunks]", ProgressLine.Format(snapshot));
    }

    [Fact]
    public void NothingDoneYetHasUnknownRateAndRemainingTime()
    {
        var snapshot = new ProgressSnapshot("copy", 0, 10, TimeSpan.Zero, "chunks", ProgressState.Failed);

        Assert.Equal("copy ✗:   0%|                    | 0/10 [00:00<?, ?chunks/s]", ProgressLine.Format(snapshot));
    }

    [Theory]
    [InlineData(0, "00:00")]
    [InlineData(59.9, "00:59")]
    [InlineData(61, "01:01")]
    [InlineData(3600 + 62, "1:01:02")]
    public void IntervalsUseMinutesAndSecondsThenHours(double seconds, string expected) =>
        Assert.Equal(expected, ProgressLine.FormatInterval(TimeSpan.FromSeconds(seconds)));
}
