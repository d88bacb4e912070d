using System.Collections.Concurrent;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Tests.Support;
using Xunit;
using static Volara.Runtime.Tests.Engine.Geo;

namespace Volara.Runtime.Tests.Engine;

public sealed class RunnerTests
{
    private static RunOptions Options(TempDirectory temp, ExecutionMode mode, StringWriter output) => new()
    {
        Mode = mode,
        LogDirectory = temp.Path,
        Progress = output,
        RedrawProgress = false,
    };

    [Theory]
    [InlineData(ExecutionMode.Serial)]
    [InlineData(ExecutionMode.Threads)]
    public void FailingBlocksAreRetriedThenFailedAndDependantsOrphaned(ExecutionMode mode)
    {
        using var temp = new TempDirectory();
        var attempts = new ConcurrentDictionary<ulong, int>();
        // 1-D, 18 blocks in 3 levels; blocks 5, 10 and 15 always raise.
        var task = TestTask.Daisy("t", R(0, 20), R(0, 3), R(1, 1), process: block =>
        {
            attempts.AddOrUpdate(block.Id, 1, (_, n) => n + 1);
            if (block.Id % 5 == 0)
            {
                throw new InvalidOperationException($"bad block {block.Id}");
            }
        }, execution: new ExecutionOptions { MaxRetries = 1, NumWorkers = 2 });
        var output = new StringWriter();
        var result = Runner.Run(task, Options(temp, mode, output));

        var t = result["t"];
        Assert.False(result.Succeeded);
        Assert.Equal(18, t.Total);
        Assert.Equal(3, t.Failed);
        Assert.Equal(2, attempts[5]);
        Assert.Equal(6, t.Failures.Count);
        Assert.Equal(t.Total, t.Completed + t.Failed + t.Orphaned);
        Assert.True(t.Orphaned > 0);
        Assert.Contains("    Failed Blocks:\n\n      block ", result.Summary);
        Assert.Contains("\n      block 5 in worker ", result.Summary);
        Assert.Contains("\n      block 5 in worker ", result.Summary);
        Assert.Contains(" failed: bad block 5 (an error in the task's code; the worker log has where) (failed 2 times)\n", result.Summary);
        Assert.DoesNotContain("InvalidOperationException", result.Summary);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Summary, "\n      block 5 in worker "));
        Assert.Contains(Path.Combine(temp.Path, "t", "worker_"), result.Summary);
        var log = Directory.GetFiles(Path.Combine(temp.Path, "t"), "worker_*.log");
        Assert.Contains(log, file => File.ReadAllText(file).Contains("bad block 5", StringComparison.Ordinal));
        Assert.Contains("Execution Summary", output.ToString());
        Assert.Contains("t ✗: ", output.ToString());
    }

    [Fact]
    public void RerunSkipsCompletedBlocksAndRunsTheRest()
    {
        using var temp = new TempDirectory();
        bool failOdd = true;
        var ran = new ConcurrentBag<ulong>();
        var task = TestTask.Daisy("t", R2(0, 0, 20, 10), R2(0, 0, 5, 5), R2(0, 0, 5, 5), readWriteConflict: false, process: block =>
        {
            if (failOdd && block.Id % 2 == 1)
            {
                throw new IOException("disk hiccup");
            }

            ran.Add(block.Id);
        }, execution: new ExecutionOptions { MaxRetries = 0 });

        var first = Runner.Run(task, Options(temp, ExecutionMode.Threads, new StringWriter()))["t"];
        Assert.Equal(8, first.Total);
        Assert.Equal(first.Total - first.Failed, first.Completed);
        Assert.True(first.Failed > 0);

        failOdd = false;
        ran.Clear();
        var output = new StringWriter();
        var second = Runner.Run(task, Options(temp, ExecutionMode.Threads, output))["t"];
        Assert.Equal((8L, 8L, first.Completed, 0L), (second.Total, second.Completed, second.Skipped, second.Failed));
        Assert.Equal(first.Failed, ran.Count);
        Assert.Contains($"    completed ✔: 8 (skipped {first.Completed})", output.ToString());

        // Everything done: the third run skips all blocks and still lists the task.
        var third = Runner.Run(task, Options(temp, ExecutionMode.Serial, new StringWriter()));
        Assert.Equal(8, third["t"].Skipped);
        Assert.Contains("  Task t:", third.Summary);
        Assert.Contains("    all blocks processed successfully", third.Summary);
    }

    [Fact]
    public void CancelledRunResumesWithoutLosingBlocks()
    {
        using var temp = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        int processed = 0;
        var task = TestTask.Daisy("t", R(0, 20), R(0, 1), R(0, 1), readWriteConflict: false, process: _ =>
        {
            if (Interlocked.Increment(ref processed) == 5)
            {
                cancel.Cancel();
            }
        });
        var options = Options(temp, ExecutionMode.Threads, new StringWriter()) with { CancellationToken = cancel.Token };
        Assert.ThrowsAny<OperationCanceledException>(() => Runner.Run(task, options));

        int firstRun = processed;
        Assert.InRange(firstRun, 5, 19);
        processed = 0;

        // Blocks finished before the cancellation were marked done; the rerun does exactly the others.
        var rerun = Runner.Run(task, options with { CancellationToken = CancellationToken.None })["t"];
        Assert.Equal(20, rerun.Completed);
        Assert.Equal(firstRun, rerun.Skipped);
        Assert.Equal(20 - firstRun, processed);
    }

    [Fact]
    public void SummaryHasDaisyLayout()
    {
        using var temp = new TempDirectory();
        var task = TestTask.Daisy("t", R(0, 4), R(0, 1), R(0, 1), readWriteConflict: false);
        var result = Runner.Run(task, Options(temp, ExecutionMode.Serial, new StringWriter()));
        Assert.Equal(
            "\nExecution Summary\n-----------------\n\n  Task t:\n\n    num blocks : 4\n    completed ✔: 4 (skipped 0)\n" +
            "    failed    ✗: 0\n    orphaned  ∅: 0\n    peak memory per worker: N MiB\n\n    all blocks processed successfully\n",
            System.Text.RegularExpressions.Regex.Replace(result.Summary, @"(?<=peak memory per worker: )[1-9]\d*(?= MiB)", "N"));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void PipelineRunsDownstreamAfterUpstreamBlocks()
    {
        using var temp = new TempDirectory();
        var written = new ConcurrentDictionary<long, bool>();
        var up = TestTask.Daisy("up", R(0, 100), R(0, 10), R(0, 10), readWriteConflict: false,
            process: b => written[b.WriteRoi.Offset.ValueAt(0)] = true, execution: new ExecutionOptions { NumWorkers = 2 });
        var down = TestTask.Daisy("down", R(0, 100), R(0, 20), R(5, 10), BlockFit.Shrink, readWriteConflict: false, process: b =>
        {
            for (long x = b.ReadRoi.Offset.ValueAt(0) / 10 * 10; x < b.ReadRoi.End.ValueAt(0); x += 10)
            {
                Assert.True(written.ContainsKey(x), $"block {b} ran before its input at {x} was written");
            }
        });
        var result = Runner.Run(up + down, Options(temp, ExecutionMode.Threads, new StringWriter()));
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(10, result["up"].Completed);
        Assert.Equal(9, result["down"].Completed);
    }

    [Theory]
    [InlineData(BlockFit.Valid)]
    [InlineData(BlockFit.Shrink)]
    public void ConcurrentBlocksNeverReadWhatAnotherWrites(BlockFit fit)
    {
        using var temp = new TempDirectory();
        var running = new List<Block>();
        var violations = new ConcurrentBag<string>();
        var task = TestTask.Daisy("t", R2(0, 0, 30, 29), R2(0, 0, 7, 6), R2(2, 3, 3, 2), fit, process: block =>
        {
            lock (running)
            {
                foreach (var other in running)
                {
                    if (other.WriteRoi.Intersects(block.ReadRoi) || block.WriteRoi.Intersects(other.ReadRoi))
                    {
                        violations.Add($"{block} ran beside {other}");
                    }
                }

                running.Add(block);
            }

            Thread.Sleep(1);
            lock (running)
            {
                running.Remove(block);
            }
        }, execution: new ExecutionOptions { NumWorkers = 4 });
        var result = Runner.Run(task, Options(temp, ExecutionMode.Threads, new StringWriter()));
        Assert.True(result.Succeeded, result.Summary);
        Assert.Empty(violations);
        Assert.True(result["t"].Total > 40);
    }

    [Fact]
    public void TimeoutFailsTheBlock()
    {
        using var temp = new TempDirectory();
        var task = TestTask.Daisy("slow", R(0, 2), R(0, 1), R(0, 1), readWriteConflict: false,
            process: b => Thread.Sleep(b.Id == 0 ? 8000 : 0),
            // The other block does nothing: even a busy machine finishes it well within the timeout.
            execution: new ExecutionOptions { BlockTimeout = TimeSpan.FromSeconds(3), MaxRetries = 0 });
        var result = Runner.Run(task, Options(temp, ExecutionMode.Threads, new StringWriter()));
        Assert.Equal((1L, 1L), (result["slow"].Completed, result["slow"].Failed));
        Assert.Contains("timeout", result["slow"].Failures[0].Failure.Reason);
    }

    [Fact]
    public void ProcessesModeRefusesTasksWithoutConfiguration()
    {
        using var temp = new TempDirectory();
        var task = TestTask.Daisy("local", R(0, 2), R(0, 1), R(0, 1));
        var error = Assert.Throws<ArgumentException>(() => Runner.Run(task, Options(temp, ExecutionMode.Processes, new StringWriter())));
        Assert.Contains("'local'", error.Message);
    }

    public static TheoryData<ExecutionOptions, string> ImpossibleExecutions => new()
    {
        { new ExecutionOptions { NumWorkers = 0 }, "task 'odd': execution: num_workers must be at least 1, not 0" },
        { new ExecutionOptions { MaxRetries = -1 }, "task 'odd': execution: max_retries must be 0 or more, not -1" },
        { new ExecutionOptions { BlockTimeout = TimeSpan.FromSeconds(-5) }, "task 'odd': execution: block_timeout must be a positive number of seconds, not -5" },
    };

    [Theory]
    [MemberData(nameof(ImpossibleExecutions))]
    public void ExecutionOptionsThatCannotRunAreRefusedBeforeAnythingIsCreated(ExecutionOptions execution, string message)
    {
        using var temp = new TempDirectory();
        var task = TestTask.Daisy("odd", R(0, 2), R(0, 1), R(0, 1), execution: execution);

        var error = Assert.Throws<TaskFieldException>(() => Runner.Run(task, Options(temp, ExecutionMode.Threads, new StringWriter())));

        Assert.Equal(message, error.Message);
        Assert.StartsWith("execution/", error.Field, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void EachTasksFinalProgressLineKeepsItsOwnClock()
    {
        // Two independent tasks side by side: the fast one is done long before the slow one, and the final lines,
        // printed once both are, must show the fast one's own time and rate, not the run's.
        using var temp = new TempDirectory();
        var fast = TestTask.Daisy("fast", R(0, 2), R(0, 1), R(0, 1));
        var slow = TestTask.Daisy("slow", R(0, 4), R(0, 1), R(0, 1), readWriteConflict: false, process: _ => Thread.Sleep(300));
        var output = new StringWriter();

        var result = Runner.Run(fast | slow, Options(temp, ExecutionMode.Threads, output) with { ProgressLineInterval = TimeSpan.FromMinutes(1) });

        Assert.True(result.Succeeded);
        string[] lines = output.ToString().Split('\n');
        string fastLine = lines.Last(line => line.StartsWith("fast ", StringComparison.Ordinal));
        string slowLine = lines.Last(line => line.StartsWith("slow ", StringComparison.Ordinal));
        Assert.Contains("2/2 [00:00<", fastLine, StringComparison.Ordinal);
        Assert.Contains("4/4 [00:01<", slowLine, StringComparison.Ordinal);
    }
}
