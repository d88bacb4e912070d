using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Pipelines;
using Volara.Runtime.Engine.Scheduling;
using Xunit;
using static Volara.Runtime.Tests.Engine.Geo;

namespace Volara.Runtime.Tests.Engine;

public sealed class SchedulerTests
{
    private static readonly BlockFailure Boom = new(0, "InvalidOperationException: boom");

    private static Block One(Scheduler scheduler, string task)
    {
        var blocks = scheduler.Acquire(task, 1);
        return Assert.Single(blocks);
    }

    [Fact]
    public void NoConflictTaskHandsOutBlocksInOrder()
    {
        var scheduler = new Scheduler(TestTask.Daisy("t", R(0, 4), R(0, 3), R(1, 1), readWriteConflict: false));
        var first = One(scheduler, "t");
        Assert.Equal(1UL, first.Id);
        Assert.Equal(R(0, 3), first.ReadRoi);
        Assert.Equal(R(1, 1), first.WriteRoi);
        var second = One(scheduler, "t");
        Assert.Equal(2UL, second.Id);
        Assert.Equal(R(1, 3), second.ReadRoi);
        Assert.Equal(R(2, 1), second.WriteRoi);
    }

    [Fact]
    public void ConflictTaskRunsLevelsInOrder()
    {
        var scheduler = new Scheduler(TestTask.Daisy("t", R(0, 4), R(0, 3), R(1, 1)));
        var first = One(scheduler, "t");
        Assert.Equal(2UL, first.Id);
        Assert.Empty(scheduler.Acquire("t", 1));
        scheduler.Succeeded(first);
        Assert.Equal(1UL, One(scheduler, "t").Id);
    }

    [Fact]
    public void FailingThreeTimesFailsAndOrphans()
    {
        var scheduler = new Scheduler(TestTask.Daisy("t", R(0, 4), R(0, 3), R(1, 1)));
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var block = One(scheduler, "t");
            Assert.Equal(2UL, block.Id);
            scheduler.Failed(block, Boom);
        }

        Assert.Empty(scheduler.Acquire("t", 1));
        var state = scheduler.GetState("t");
        Assert.Equal(1, state.Failed);
        Assert.Equal(1, state.Orphaned);
        Assert.True(state.IsDone);
        Assert.True(scheduler.IsFinished);
        Assert.Equal(3, scheduler.FailuresOf("t").Count);
    }

    [Fact]
    public void FailedOnceThenRetried()
    {
        var scheduler = new Scheduler(TestTask.Daisy("t", R(0, 4), R(0, 3), R(1, 1)));
        var block = One(scheduler, "t");
        scheduler.Failed(block, Boom);
        var again = One(scheduler, "t");
        Assert.Equal(block, again);
        scheduler.Succeeded(again);
        Assert.Equal(1UL, One(scheduler, "t").Id);
    }

    [Fact]
    public void TwoDimensionalLevelsAreHandedOutInDaisyOrder()
    {
        var scheduler = new Scheduler(TestTask.Daisy("t", R2(0, 0, 6, 6), R2(0, 0, 3, 3), R2(1, 1, 1, 1)));
        ulong[][] expected = [[12, 23, 25, 40], [8, 17, 19, 32], [7, 16, 18, 31], [4, 11, 13, 24]];
        foreach (var level in expected)
        {
            var blocks = new List<Block>();
            while (scheduler.Acquire("t", 1) is [var block])
            {
                blocks.Add(block);
            }

            Assert.Equal(level, blocks.Select(b => b.Id));
            foreach (var block in blocks)
            {
                scheduler.Succeeded(block);
            }
        }

        Assert.True(scheduler.IsFinished);
        Assert.Equal(16, scheduler.GetState("t").Completed);
    }

    [Fact]
    public void ZeroLevelsCase()
    {
        var scheduler = new Scheduler(TestTask.Daisy("t", R2(0, 0, 10, 10), R2(0, 0, 9, 9), R2(4, 4, 1, 1), BlockFit.Overhang));
        Assert.Equal(4, scheduler.GetState("t").Total);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(1, scheduler.GetState("t").Ready);
            scheduler.Succeeded(One(scheduler, "t"));
        }

        Assert.Empty(scheduler.Acquire("t", 1));
        Assert.True(scheduler.IsFinished);

        var failing = new Scheduler(TestTask.Daisy("t", R2(0, 0, 10, 10), R2(0, 0, 9, 9), R2(4, 4, 1, 1), BlockFit.Overhang,
            execution: new ExecutionOptions { MaxRetries = 0 }));
        failing.Failed(One(failing, "t"), Boom);
        var state = failing.GetState("t");
        Assert.Equal(state.Total, state.Failed + state.Orphaned);
    }

    [Fact]
    public void OrphansAreNotDoubleCounted()
    {
        var scheduler = new Scheduler(TestTask.Daisy("t", R2(0, 0, 25, 25), R2(0, 0, 7, 7), R2(3, 3, 1, 1),
            execution: new ExecutionOptions { MaxRetries = 0 }));
        while (!scheduler.IsFinished)
        {
            foreach (var block in scheduler.Acquire("t", 100))
            {
                scheduler.Failed(block, Boom);
            }
        }

        var state = scheduler.GetState("t");
        Assert.Equal(state.Total, state.Failed + state.Orphaned);
        Assert.Equal(0, state.Completed);
    }

    [Fact]
    public void ChainedTaskDependenciesMatchDaisy()
    {
        var first = TestTask.Daisy("first", R2(0, 0, 6, 6), R2(0, 0, 3, 3), R2(1, 1, 1, 1));
        var second = TestTask.Daisy("second", R2(1, 1, 4, 4), R2(0, 0, 3, 3), R2(1, 1, 1, 1));
        var scheduler = new Scheduler(first + second);
        var firstGrid = scheduler.GridOf("first");
        var secondGrid = scheduler.GridOf("second");

        Assert.Equal(new ulong[] { 12, 17, 18, 23, 24, 25, 31, 32, 40 }, firstGrid.BlocksWritingInto(R2(2, 2, 3, 3)).Select(b => b.Id).Order());
        Assert.Equal(new ulong[] { 4, 7, 8, 12 }, secondGrid.BlocksReadingFrom(R2(3, 3, 1, 1)).Select(b => b.Id).Order());

        // Run the first three levels of the first task; nothing of the second task is ready yet.
        for (int level = 0; level < 3; level++)
        {
            foreach (var block in scheduler.Acquire("first", 100))
            {
                scheduler.Succeeded(block);
            }

            Assert.Empty(scheduler.Acquire("second", 1));
        }

        // daisy's release-order walk over the last level: 24 frees 12, 13 frees 8, 11 frees 7, 4 frees 4.
        var last = scheduler.Acquire("first", 100).ToDictionary(b => b.Id);
        Assert.Equal(new ulong[] { 4, 11, 13, 24 }, last.Keys.Order());
        foreach (var (release, freed) in new (ulong, ulong)[] { (24, 12), (13, 8), (11, 7), (4, 4) })
        {
            Assert.Empty(scheduler.Acquire("second", 1));
            scheduler.Succeeded(last[release]);
            var next = One(scheduler, "second");
            Assert.Equal(freed, next.Id);
            scheduler.Succeeded(next);
        }

        Assert.True(scheduler.IsFinished);
    }

    [Fact]
    public void OverlappingTasksAllComplete()
    {
        var a = TestTask.Daisy("a", R(0, 100), R(0, 10), R(1, 8));
        var b = TestTask.Daisy("b", R(0, 100), R(0, 10), R(1, 8));
        var scheduler = new Scheduler(a + b);
        Drain(scheduler);
        Assert.Equal(12, scheduler.GetState("a").Completed);
        Assert.Equal(12, scheduler.GetState("b").Completed);
    }

    [Fact]
    public void DownstreamBlockWithoutUpstreamOverlapStillRuns()
    {
        var up = TestTask.Daisy("up", R2(0, 0, 20, 20), R2(0, 0, 5, 5), R2(0, 0, 5, 5), readWriteConflict: false);
        var down = TestTask.Daisy("down", R2(0, 0, 30, 30), R2(0, 0, 5, 5), R2(0, 0, 5, 5), readWriteConflict: false);
        var scheduler = new Scheduler(up + down);
        Drain(scheduler);
        Assert.Equal(36, scheduler.GetState("down").Completed);
        Assert.Equal(16, scheduler.GetState("up").Completed);
    }

    [Fact]
    public void FailureOrphansDownstreamTasks()
    {
        var up = TestTask.Daisy("up", R(0, 20), R(0, 5), R(0, 5), readWriteConflict: false, execution: new ExecutionOptions { MaxRetries = 1 });
        var down = TestTask.Daisy("down", R(0, 20), R(0, 10), R(0, 10), readWriteConflict: false);
        var scheduler = new Scheduler(up + down);
        while (!scheduler.IsFinished)
        {
            foreach (var task in new[] { "up", "down" })
            {
                foreach (var block in scheduler.Acquire(task, 10))
                {
                    if (block.TaskName == "up" && block.Id == 0)
                    {
                        scheduler.Failed(block, Boom);
                    }
                    else
                    {
                        scheduler.Succeeded(block);
                    }
                }
            }
        }

        Assert.Equal(new TaskState("up", 4, 0, 0, 3, 0, 1, 0, true), scheduler.GetState("up"));
        Assert.Equal(new TaskState("down", 2, 0, 0, 1, 0, 0, 1, true), scheduler.GetState("down"));
        Assert.Equal(2, scheduler.FailuresOf("up").Count);
    }

    [Fact]
    public void TotalRoiSmallerThanOneBlockFinishesAtOnce()
    {
        var scheduler = new Scheduler(TestTask.Daisy("tiny", R2(0, 0, 3, 3), R2(0, 0, 9, 9), R2(4, 4, 1, 1)));
        Assert.Empty(scheduler.Acquire("tiny", 1));
        Assert.True(scheduler.IsFinished);
        Assert.Equal(0, scheduler.GetState("tiny").Total);
    }

    [Fact]
    public void ReportingABlockTwiceIsRejected()
    {
        var scheduler = new Scheduler(TestTask.Daisy("t", R(0, 4), R(0, 3), R(1, 1), readWriteConflict: false));
        var block = One(scheduler, "t");
        scheduler.Succeeded(block);
        var error = Assert.Throws<InvalidOperationException>(() => scheduler.Succeeded(block));
        Assert.Contains("t/1", error.Message);
    }

    internal static void Drain(Scheduler scheduler)
    {
        while (!scheduler.IsFinished)
        {
            bool any = false;
            foreach (var task in scheduler.Tasks)
            {
                foreach (var block in scheduler.Acquire(task.Name, 1000))
                {
                    scheduler.Succeeded(block);
                    any = true;
                }
            }

            Assert.True(any, "the scheduler stalled");
        }
    }
}
