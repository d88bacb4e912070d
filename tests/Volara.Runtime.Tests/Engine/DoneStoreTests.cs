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
    public void RangesMarkExactlyTheirBlocksAcrossWordBoundaries()
    {
        using var temp = new TempDirectory();
        using var store = DoneStore.Open(temp.Path, "ranges", Layout(30, 1));
        (long Begin, long End)[] ranges = [(3, 5), (60, 200), (256, 320), (700, 701), (890, 900), (10, 10)];
        foreach (var (begin, end) in ranges)
        {
            store.MarkRangeDone(begin, end);
        }

        long expected = 0;
        for (long i = 0; i < store.BlockCount; i++)
        {
            bool inRange = ranges.Any(r => i >= r.Begin && i < r.End);
            Assert.Equal(inRange, store.IsDone(i));
            expected += inRange ? 1 : 0;
        }

        Assert.Equal(expected, store.CountDone());
        Assert.Throws<ArgumentOutOfRangeException>(() => store.MarkRangeDone(5, 901));
    }

    [Fact]
    public void FirstNotDoneMatchesALookAtEveryBlock()
    {
        using var temp = new TempDirectory();
        using var store = DoneStore.Open(temp.Path, "scan", Layout(40, 1));
        var random = new Random(5);
        store.MarkRangeDone(64, 1200);
        for (int i = 0; i < 200; i++)
        {
            store.MarkDone(random.NextInt64(store.BlockCount));
        }

        for (int i = 0; i < 2000; i++)
        {
            long begin = random.NextInt64(store.BlockCount + 1);
            long end = begin + random.NextInt64(store.BlockCount - begin + 1);
            long expected = begin;
            while (expected < end && store.IsDone(expected))
            {
                expected++;
            }

            Assert.Equal(expected, store.FirstNotDone(begin, end));
        }

        Assert.Equal(1200, store.FirstNotDone(64, store.BlockCount));
    }

    [Fact]
    public void MarksOfTheOneBytePerBlockFormatAreCarriedOver()
    {
        using var temp = new TempDirectory();
        var layout = Layout(20, 10);
        DoneStore.Open(temp.Path, "old", layout).Dispose();
        string meta = TaskPaths.MetaDirectory(temp.Path, "old");
        File.Delete(Path.Combine(meta, DoneStore.MarksFileName));
        File.WriteAllBytes(Path.Combine(meta, "blocks_done"), [1, 0, 0, 1]);

        using var store = DoneStore.Open(temp.Path, "old", layout);
        Assert.Equal([true, false, false, true], Enumerable.Range(0, 4).Select(i => store.IsDone(i)));
        Assert.False(File.Exists(Path.Combine(meta, "blocks_done")));
        Assert.Equal(2, DoneBitmap.CountDone(store.Path));
    }

    [Fact]
    public void OpeningAFreshStoreFromManyPlacesAtOnceNeverSeesItUnsized()
    {
        // The marks file appears at its full length in one step: nobody sees it created but empty.
        for (int trial = 0; trial < 20; trial++)
        {
            using var temp = new TempDirectory();
            DoneStore.Open(temp.Path, "race", Layout(40, 10)).Dispose();
            File.Delete(Path.Combine(temp.Path, "race-meta", DoneStore.MarksFileName));
            Parallel.For(0, 8, _ => DoneStore.Open(temp.Path, "race", Layout(40, 10)).Dispose());
            Assert.Equal(new[] { DoneStore.LayoutFileName, DoneStore.MarksFileName }.Order(), Directory.GetFiles(Path.Combine(temp.Path, "race-meta")).Select(Path.GetFileName).Order());
        }
    }

    [Fact]
    public void ATruncatedMarksFileIsRefusedWithTheWayToRecover()
    {
        using var temp = new TempDirectory();
        DoneStore.Open(temp.Path, "seg", Layout(200, 10)).Dispose();
        string marks = Path.Combine(temp.Path, "seg-meta", DoneStore.MarksFileName);
        using (var file = new FileStream(marks, FileMode.Open))
        {
            file.SetLength(1);
        }

        var error = Assert.Throws<LayoutChangedException>(() => DoneStore.Open(temp.Path, "seg", Layout(200, 10)));
        Assert.Contains("are 1 bytes, the 400 blocks of the layout need 56", error.Message);
        Assert.Contains("volara drop PIPELINE --task seg --keep-outputs", error.Message);
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
    public void AResumeSkipsAMillionDoneBlocksInOneAcquire()
    {
        using var temp = new TempDirectory();
        var task = new TestTask("big", Layout(1000, 1));
        using var store = DoneStore.Open(temp.Path, task.Name, task.Layout);
        for (long i = 0; i < store.BlockCount; i++)
        {
            store.MarkDone(i);
        }

        // How long the check takes is the bench's business ("engine petavoxel grid"); here: one call settles every block.
        var scheduler = new Scheduler(task, _ => store);
        Assert.Empty(scheduler.Acquire("big", 1));
        Assert.True(scheduler.IsFinished);
        Assert.Equal(1_000_000, scheduler.GetState("big").Skipped);
    }
}
