using Volara.Runtime.Progress;

namespace Volara.Runtime.Tests.Progress;

public sealed class ProgressReporterTests
{
    [Fact]
    public void PlainOutputPrintsAtMostOneLinePerIntervalAndAFinalLine()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var options = new ProgressOptions { Unit = "chunks", LineInterval = TimeSpan.FromSeconds(5), Clock = clock };
        using (var progress = new ProgressReporter(output, "copy", 10, options))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Advance(); // 1 s after start: too early for a line
            clock.Advance(TimeSpan.FromSeconds(4));
            progress.Advance(); // 5 s: a line
            progress.Advance(); // same instant: no line
            clock.Advance(TimeSpan.FromSeconds(5));
            progress.Advance(7);
            progress.Complete();
        }

        string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "copy ▶:  20%|████                | 2/10 [00:05<00:20, 2.50s/chunks]",
                "copy ▶: 100%|████████████████████| 10/10 [00:10<00:00, 1.00chunks/s]",
                "copy ✔: 100%|████████████████████| 10/10 [00:10<00:00, 1.00chunks/s]",
            ],
            lines);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public void RedrawOverwritesOneLineAndEndsWithNewline()
    {
        var clock = new ManualClock();
        var output = new StringWriter();
        var options = new ProgressOptions { Unit = "chunks", Redraw = true, Clock = clock };
        using (var progress = new ProgressReporter(output, "copy", 2, options))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Advance();
            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Advance();
            progress.Complete();
        }

        string text = output.ToString();
        Assert.Equal(4, text.Count(c => c == '\r'));
        Assert.EndsWith("copy ✔: 100%|████████████████████| 2/2 [00:02<00:00, 1.00chunks/s]" + Environment.NewLine, text);
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void DisposingUnfinishedWorkMarksTheRedrawnLineFailed()
    {
        var output = new StringWriter();
        using (var progress = new ProgressReporter(output, "copy", 4, new ProgressOptions { Unit = "chunks", Redraw = true }))
        {
            progress.Advance();
        }

        Assert.StartsWith("copy ✗:  25%", output.ToString().Split('\r')[^1]);
        Assert.EndsWith(Environment.NewLine, output.ToString());
    }

    [Fact]
    public void PlainOutputLeavesFailuresToTheCallersErrorMessage()
    {
        var output = new StringWriter();
        using (var progress = new ProgressReporter(output, "copy", 4, new ProgressOptions { Unit = "chunks" }))
        {
            progress.Advance();
            progress.Fail();
        }

        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void ParallelAdvancesAreAllCounted()
    {
        var output = new StringWriter();
        using var progress = new ProgressReporter(output, "work", 10_000, new ProgressOptions { Redraw = true, RedrawInterval = TimeSpan.Zero });

        Parallel.For(0, 10_000, _ => progress.Advance());
        progress.Complete();

        Assert.Equal(10_000, progress.Completed);
        Assert.Contains("| 10000/10000 [", output.ToString());
    }
}
