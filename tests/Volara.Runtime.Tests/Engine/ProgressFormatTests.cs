using Volara.Runtime.Engine.Reporting;
using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Progress;
using Xunit;

namespace Volara.Runtime.Tests.Engine;

public sealed class ProgressFormatTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1000, "1000")]
    [InlineData(10000, "1e+4")]
    [InlineData(12345, "12345")]
    [InlineData(100000, "1e+5")]
    [InlineData(1234567, "1234567")]
    [InlineData(12345678, "1.23e+7")]
    public void CountsUseTqdmShortFormat(long value, string expected) => Assert.Equal(expected, ProgressLine.FormatCount(value));

    [Fact]
    public void TaskLineHasPostfixAndDoneSymbol()
    {
        var done = new TaskState("name", 75, 0, 0, 75, 0, 0, 0, true);
        var line = TaskProgressLine.Format(done, TimeSpan.FromSeconds(26.6));
        Assert.StartsWith("name ✔: 100%|", line);
        Assert.EndsWith("| 75/75 [00:26<00:00, 2.82blocks/s, ⧗=0, ▶=0, ✔=75, ✗=0, ∅=0]", line);

        var running = new TaskState("T1", 18, 0, 1, 4, 0, 0, 0, true);
        Assert.Contains("T1 ▶:  22%|", TaskProgressLine.Format(running, TimeSpan.FromSeconds(1)));
        Assert.Contains("⧗=13, ▶=1, ✔=4, ✗=0, ∅=0]", TaskProgressLine.Format(running, TimeSpan.FromSeconds(1)));

        var orphaned = new TaskState("o", 2, 0, 0, 1, 0, 0, 1, true);
        Assert.StartsWith("o ∅: ", TaskProgressLine.Format(orphaned, TimeSpan.FromSeconds(1)));
    }
}
