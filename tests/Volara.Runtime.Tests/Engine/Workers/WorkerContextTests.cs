using Volara.Workers;

namespace Volara.Runtime.Tests.Engine.Workers;

public sealed class WorkerContextTests
{
    [Fact]
    public void ArgumentsRoundTripAndEnvironmentFillsTheGaps()
    {
        var context = new WorkerContext("http://127.0.0.1:5000", "task a", 7, "/logs dir");
        Assert.Equal(context, WorkerContext.Parse(context.ToArguments(), _ => null));

        var environment = context.ToEnvironment();
        Assert.Equal(context, WorkerContext.Parse([WorkerContext.TaskOption, "task a"], name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData(new[] { "--bogus", "1" }, "unknown worker argument '--bogus'")]
    [InlineData(new[] { "--driver" }, "'--driver' needs a value")]
    [InlineData(new[] { "--driver", "d", "--task", "t", "--log-dir", "l", "--worker-id", "x" }, "worker id 'x'")]
    [InlineData(new[] { "--driver", "d", "--task", "t", "--log-dir", "l" }, "--worker-id or the environment variable VOLARA_WORKER_ID")]
    public void BadArgumentsAreNamed(string[] arguments, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => WorkerContext.Parse(arguments, _ => null));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void OnlyAFirstWorkerFlagMakesAWorkerInvocation()
    {
        Assert.True(WorkerEntry.IsWorkerInvocation([WorkerEntry.Flag, "--task", "t"]));
        Assert.False(WorkerEntry.IsWorkerInvocation(["info", WorkerEntry.Flag]));
        Assert.False(WorkerEntry.IsWorkerInvocation([]));
    }
}
