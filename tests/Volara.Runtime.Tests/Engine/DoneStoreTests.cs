using System.Diagnostics;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Engine.Tracking;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tests.Support;
using Xunit;
using static Volara.Runtime.Tests.Engine.Geo;

namespace Volara.Runtime.Tests.Engine;

public sealed class DoneStoreTests
{
    private static BlockLayout Layout(long size, long block) =>
        new(R2(0, 0, size, size), new Coordinate(block, block), new Coordinate(0, 0), new Coordinate(0, 0));

    [Fact]
    public void MarkAndCheckRoundTripAcrossReopen()
    {
        using var temp = new TempDirectory();
        using (var store = DoneStore.Open(temp.Path, "dummy-task", Layout(20, 10)))
        {
            Assert.Equal(4, store.BlockCount);
            Assert.False(store.IsDone(0));
            store.MarkDone(0);
            Assert.True(store.IsDone(0));
        }

        using var reopened = DoneStore.Open(temp.Path, "dummy-task", Layout(20, 10));
        Assert.True(reopened.IsDone(0));
        Assert.False(reopened.IsDone(1));
        Assert.Equal(1, reopened.CountDone());
        Assert.True(File.Exists(Path.Combine(temp.Path, "dummy-task-meta", DoneStore.MarksFileName)));
    }

    [Fact]
    public void ChangedLayoutIsRefusedNamingTaskAndBothLayouts()
    {
        using var temp = new TempDirectory();
        DoneStore.Open(temp.Path, "seg", Layout(20, 10)).Dispose();
        var error = Assert.Throws<LayoutChangedException>(() => DoneStore.Open(temp.Path, "seg", Layout(20, 5)));
        Assert.Contains("'seg'", error.Message);
        Assert.Contains("\"block_size\":[10,10]", error.Message);
        Assert.Contains("\"block_size\":[5,5]", error.Message);
    }

    [Fact]
    public void DropRemovesMetaDirectoryAndOptionallyOutputs()
    {
        using var temp = new TempDirectory();
        var task = new TestTask("dummy-task", Layout(10, 10));
        DoneStore.Open(temp.Path, task.Name, task.Layout).Dispose();
        TaskTracking.Drop(task, temp.Path, dropOutputs: false);
        Assert.False(Directory.Exists(TaskPaths.MetaDirectory(temp.Path, task.Name)));
        Assert.Equal(0, task.DropCount);
        DoneStore.Open(temp.Path, task.Name, task.Layout).Dispose();
        TaskTracking.Drop(task, temp.Path);
        Assert.False(Directory.Exists(TaskPaths.MetaDirectory(temp.Path, task.Name)));
        Assert.Equal(1, task.DropCount);
    }

    [Fact]
    public void SchedulerSkipsDoneBlocksAndCountsThemCompleted()
    {
        using var temp = new TempDirectory();
        var task = new TestTask("t", Layout(40, 10));
        using var store = DoneStore.Open(temp.Path, task.Name, task.Layout);
        store.MarkDone(0);
        store.MarkDone(5);
        var scheduler = new Scheduler(task, _ => store);
        var handed = new List<Block>();
        while (scheduler.Acquire("t", 100) is { Count: > 0 } blocks)
        {
            handed.AddRange(blocks);
        }

        Assert.Equal(14, handed.Count);
        foreach (var block in handed)
        {
            scheduler.Succeeded(block);
        }

        var state = scheduler.GetState("t");
        Assert.Equal((16L, 16L, 2L), (state.Total, state.Completed, state.Skipped));
        Assert.Equal(16, store.CountDone());
    }

    [Fact]
    public void ResumeCheckOfAMillionBlocksIsFast()
    {
        using var temp = new TempDirectory();
        var task = new TestTask("big", Layout(1000, 1));
        using var store = DoneStore.Open(temp.Path, task.Name, task.Layout);
        for (long i = 0; i < store.BlockCount; i++)
        {
            store.MarkDone(i);
        }

        var scheduler = new Scheduler(task, _ => store);
        var clock = Stopwatch.StartNew();
        Assert.Empty(scheduler.Acquire("big", 1));
        clock.Stop();
        Assert.True(scheduler.IsFinished);
        Assert.Equal(1_000_000, scheduler.GetState("big").Skipped);

        // Generous: the check takes tens of milliseconds; this only catches a per-block cost gone badly wrong.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"resume check took {clock.Elapsed}");
    }
}
