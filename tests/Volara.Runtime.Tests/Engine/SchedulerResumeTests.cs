using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Geometry;
using Xunit;
using static Volara.Runtime.Tests.Engine.Geo;

namespace Volara.Runtime.Tests.Engine;

/// <summary>Resuming a task whose done blocks come in long stretches, up to grids of billions of blocks.</summary>
public sealed class SchedulerResumeTests
{
    private static TestTask Cube(string name, long edge, bool readWriteConflict = false) =>
        new(name, new BlockLayout(R3(0, edge), new Coordinate(1, 1, 1), new Coordinate(0, 0, 0), new Coordinate(0, 0, 0), ReadWriteConflict: readWriteConflict));

    [Fact]
    public void OnlyTheOpenBlocksOfBillionsAreHandedOutInIndexOrder()
    {
        var task = Cube("huge", 2048);
        long total = 2048L * 2048 * 2048;
        var marks = new AllDoneExcept(3, 5_000_000_000, total - 1);
        var scheduler = new Scheduler(task, _ => marks);
        var grid = scheduler.GridOf("huge");

        var handed = scheduler.Acquire("huge", 10);
        Assert.Equal([3L, 5_000_000_000, total - 1], handed.Select(grid.LinearIndexOf));
        Assert.Equal(total - 3, scheduler.GetState("huge").Skipped);
        Assert.False(scheduler.IsFinished);
        foreach (var block in handed)
        {
            scheduler.Succeeded(block);
        }

        var state = scheduler.GetState("huge");
        Assert.True(scheduler.IsFinished);
        Assert.Equal((total, total, total - 3), (state.Total, state.Completed, state.Skipped));
        Assert.Equal(3, marks.Marked);
    }

    [Fact]
    public void ABlockBetweenDoneStretchesIsRetriedAfterFailing()
    {
        var task = Cube("t", 8);
        var marks = new AllDoneExcept(100);
        var scheduler = new Scheduler(task, _ => marks);
        var grid = scheduler.GridOf("t");
        var block = Assert.Single(scheduler.Acquire("t", 4));
        Assert.Equal(100, grid.LinearIndexOf(block));
        scheduler.Failed(block, new BlockFailure(0, "IOException: busy"));

        var retry = Assert.Single(scheduler.Acquire("t", 4));
        Assert.Equal(block.Id, retry.Id);
        scheduler.Succeeded(retry);
        Assert.True(scheduler.IsFinished);
        Assert.Equal(511, scheduler.GetState("t").Skipped);
    }

    [Fact]
    public void ATaskWithLevelsStillSkipsItsDoneBlocksOneByOne()
    {
        var task = TestTask.Daisy("levels", R(0, 12), R(0, 3), R(1, 1));
        var marks = new AllDoneExcept();
        var scheduler = new Scheduler(task, _ => marks);
        Assert.Empty(scheduler.Acquire("levels", 100));
        Assert.True(scheduler.IsFinished);
        Assert.Equal(10, scheduler.GetState("levels").Skipped);
    }

    /// <summary>In-memory marks of a task whose blocks are all done but a few.</summary>
    private sealed class AllDoneExcept(params long[] open) : IDoneMarks
    {
        private readonly SortedSet<long> notDone = [.. open];

        public long Marked { get; private set; }

        public bool IsDone(long blockIndex) => !notDone.Contains(blockIndex);

        public void MarkDone(long blockIndex)
        {
            notDone.Remove(blockIndex);
            Marked++;
        }

        public long FirstNotDone(long begin, long end) =>
            notDone.GetViewBetween(begin, long.MaxValue).FirstOrDefault(end) is var next && next < end ? next : end;
    }
}
