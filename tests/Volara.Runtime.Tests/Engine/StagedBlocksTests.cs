using System.Collections.Concurrent;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Execution;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Tests.Support;
using Xunit;
using static Volara.Runtime.Tests.Engine.Geo;

namespace Volara.Runtime.Tests.Engine;

/// <summary>A staged processor's blocks overlap their reads and writes with computing, and finish only once written.</summary>
public sealed class StagedBlocksTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void TheNextBlockIsReadAndThePreviousWrittenWhileABlockComputesAndBlocksFinishInOrderOnceWritten()
    {
        const int count = 10;
        var blocks = Blocks(count);
        var readStarted = Events(count);
        var computeStarted = Events(count);
        var written = new ConcurrentDictionary<ulong, bool>();
        var slotOwners = new int[BlockPipeline.Slots];
        Array.Fill(slotOwners, -1);
        var problems = new ConcurrentQueue<string>();

        var processor = new Stages(
            read: (block, slot) =>
            {
                int id = (int)block.Id;
                Check(slot == id % BlockPipeline.Slots, $"block {id} read in slot {slot}");
                Check(Interlocked.CompareExchange(ref slotOwners[slot], id, -1) == -1, $"block {id} read into slot {slot} of block {slotOwners[slot]}");
                readStarted[id].Set();
            },
            compute: (block, slot) =>
            {
                int id = (int)block.Id;
                computeStarted[id].Set();
                Check(slotOwners[slot] == id, $"block {id} computed in slot {slot} of block {slotOwners[slot]}");
                // Waits for the next block's read: without read-ahead this never comes.
                Check(id == count - 1 || readStarted[id + 1].Wait(Patience), $"block {id + 1} was not read while block {id} computed");
            },
            write: (block, slot) =>
            {
                int id = (int)block.Id;
                // Waits for the next block's compute: a write that had to end before it started would never see it.
                Check(id == count - 1 || computeStarted[id + 1].Wait(Patience), $"block {id} was not written while block {id + 1} computed");
                written[block.Id] = true;
                Check(Interlocked.CompareExchange(ref slotOwners[slot], -1, id) == id, $"block {id} wrote from slot {slot} of block {slotOwners[slot]}");
            });

        var pipeline = new BlockPipeline(processor);
        var finished = new List<BlockOutcome>();
        foreach (var block in blocks)
        {
            pipeline.Submit(block, finished);
            foreach (var outcome in finished)
            {
                Check(written.ContainsKey(outcome.Block.Id), $"block {outcome.Block.Id} finished before it was written");
            }
        }

        Assert.True(pipeline.Busy);
        pipeline.Drain(finished);

        Assert.False(pipeline.Busy);
        Assert.Empty(problems);
        Assert.Equal(blocks, finished.Select(outcome => outcome.Block));
        Assert.All(finished, outcome => Assert.Null(outcome.Error));
        Assert.Equal(count, written.Count);

        void Check(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Enqueue(problem);
            }
        }
    }

    [Fact]
    public void AFailureAtAnyStageFailsOnlyThatBlockAndSkipsItsLaterStages()
    {
        var computed = new ConcurrentBag<ulong>();
        var written = new ConcurrentBag<ulong>();
        var processor = new Stages(
            read: (block, _) => Fail(block, 2, "read"),
            compute: (block, _) =>
            {
                Fail(block, 4, "compute");
                computed.Add(block.Id);
            },
            write: (block, _) =>
            {
                Fail(block, 6, "write");
                written.Add(block.Id);
            });
        var pipeline = new BlockPipeline(processor);
        var finished = new List<BlockOutcome>();
        var blocks = Blocks(9);
        foreach (var block in blocks)
        {
            pipeline.Submit(block, finished);
        }

        pipeline.Drain(finished);

        Assert.Equal(blocks, finished.Select(outcome => outcome.Block));
        Assert.Equal(
            ["", "", "read 2", "", "compute 4", "", "write 6", "", ""],
            finished.Select(outcome => outcome.Error?.Message ?? string.Empty));
        Assert.DoesNotContain(2UL, computed);
        Assert.DoesNotContain(2UL, written);
        Assert.DoesNotContain(4UL, written);
        Assert.Equal(new ulong[] { 0, 1, 3, 5, 7, 8 }, written.Order());

        static void Fail(Block block, ulong id, string stage)
        {
            if (block.Id == id)
            {
                throw new IOException($"{stage} {id}");
            }
        }
    }

    [Fact]
    public void AbandoningWaitsForTheStagesInTheBackgroundAndComputesNothingMore()
    {
        var computed = new ConcurrentBag<ulong>();
        int readsRunning = 0, writesRunning = 0;
        var processor = new Stages(
            read: (_, _) => Slow(ref readsRunning),
            compute: (block, _) => computed.Add(block.Id),
            write: (_, _) => Slow(ref writesRunning));
        var pipeline = new BlockPipeline(processor);
        var finished = new List<BlockOutcome>();
        foreach (var block in Blocks(2))
        {
            pipeline.Submit(block, finished);
        }

        // Block 0 is being written, block 1 read.
        pipeline.Abandon();

        Assert.Equal((0, 0), (Volatile.Read(ref readsRunning), Volatile.Read(ref writesRunning)));
        Assert.Equal([0UL], computed);
        Assert.Empty(finished);
        Assert.False(pipeline.Busy);

        static void Slow(ref int running)
        {
            Interlocked.Increment(ref running);
            Thread.Sleep(200);
            Interlocked.Decrement(ref running);
        }
    }

    [Fact]
    public void StagedTasksInThreadsReportABlockOnlyOnceWrittenSoDependantsReadFinishedOutputs()
    {
        using var temp = new TempDirectory();
        var written = new ConcurrentDictionary<long, bool>();
        var up = TestTask.Daisy("up", R(0, 100), R(0, 10), R(0, 10), readWriteConflict: false,
            execution: new ExecutionOptions { NumWorkers = 2 },
            stages: (_ => Thread.Sleep(2), b => { Thread.Sleep(5); written[b.WriteRoi.Offset.ValueAt(0)] = true; }));
        var violations = new ConcurrentBag<string>();
        var down = TestTask.Daisy("down", R(0, 100), R(0, 20), R(5, 10), BlockFit.Shrink, readWriteConflict: false,
            stages: (b =>
            {
                for (long x = b.ReadRoi.Offset.ValueAt(0) / 10 * 10; x < b.ReadRoi.End.ValueAt(0); x += 10)
                {
                    if (!written.ContainsKey(x))
                    {
                        violations.Add($"block {b} was read before its input at {x} was written");
                    }
                }
            }, _ => { }));

        var result = Runner.Run(up + down, Options(temp));

        Assert.True(result.Succeeded, result.Summary);
        Assert.Empty(violations);
        Assert.Equal(10, result["up"].Completed);
        Assert.Equal(9, result["down"].Completed);
    }

    [Fact]
    public void StagedBlocksInFlightTogetherNeverReadWhatAnotherWrites()
    {
        using var temp = new TempDirectory();
        var running = new List<Block>();
        var violations = new ConcurrentBag<string>();
        var task = TestTask.Daisy("t", R2(0, 0, 30, 29), R2(0, 0, 7, 6), R2(2, 3, 3, 2), BlockFit.Shrink,
            execution: new ExecutionOptions { NumWorkers = 3 },
            stages: (block =>
            {
                lock (running)
                {
                    foreach (var other in running)
                    {
                        if (other.WriteRoi.Intersects(block.ReadRoi) || block.WriteRoi.Intersects(other.ReadRoi))
                        {
                            violations.Add($"{block} was in flight beside {other}");
                        }
                    }

                    running.Add(block);
                }
            }, block =>
            {
                Thread.Sleep(1);
                lock (running)
                {
                    running.Remove(block);
                }
            }));

        var result = Runner.Run(task, Options(temp));

        Assert.True(result.Succeeded, result.Summary);
        Assert.Empty(violations);
        Assert.True(result["t"].Total > 40);
    }

    [Fact]
    public void AFailingStagedBlockIsRetriedThenFailedAndItsDependantsOrphaned()
    {
        using var temp = new TempDirectory();
        var attempts = new ConcurrentDictionary<ulong, int>();
        var task = TestTask.Daisy("t", R(0, 20), R(0, 3), R(1, 1),
            process: block => attempts.AddOrUpdate(block.Id, 1, (_, n) => n + 1),
            execution: new ExecutionOptions { MaxRetries = 1, NumWorkers = 2 },
            stages: (_ => { }, block =>
            {
                if (block.Id % 5 == 0)
                {
                    throw new IOException($"disk full writing block {block.Id}");
                }
            }));

        var result = Runner.Run(task, Options(temp));

        var t = result["t"];
        Assert.Equal(18, t.Total);
        Assert.Equal(3, t.Failed);
        Assert.Equal(2, attempts[5]);
        Assert.True(t.Orphaned > 0);
        Assert.Equal(t.Total, t.Completed + t.Failed + t.Orphaned);
        Assert.Contains(" failed: disk full writing block 5 (failed 2 times)\n", result.Summary);
    }

    private static RunOptions Options(TempDirectory temp) => new()
    {
        Mode = ExecutionMode.Threads,
        LogDirectory = temp.Path,
        Progress = new StringWriter(),
        RedrawProgress = false,
    };

    private static List<Block> Blocks(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Block("t", (ulong)i, R(i, 1), R(i, 1)))];

    private static ManualResetEventSlim[] Events(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new ManualResetEventSlim())];

    private sealed class Stages(Action<Block, int> read, Action<Block, int> compute, Action<Block, int> write) : IStagedBlockProcessor
    {
        public void Read(Block block, int slot) => read(block, slot);

        public void Compute(Block block, int slot) => compute(block, slot);

        public void Write(Block block, int slot) => write(block, slot);

        public void Dispose()
        {
        }
    }
}
