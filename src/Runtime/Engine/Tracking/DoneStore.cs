using System.IO.MemoryMappedFiles;
using System.Numerics;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// A task's persistent completion marks: one bit per block (dense block index, see <see cref="DoneBitmap"/>) in a
/// memory-mapped file in the task's meta directory, beside the layout fingerprint. Marks written through the shared
/// mapping reach the file even when the process is killed right after; <see cref="Flush"/> also forces them to disk.
/// </summary>
/// <remarks>
/// Marks are set with atomic ORs on whole words, because neighbouring blocks share a word and more than one
/// process may have the store open. Done blocks are found 64 (and, vectorised, many more) at a time, so a
/// fully done billion-block task is checked in a fraction of a second.
/// </remarks>
public sealed unsafe class DoneStore : IDoneMarks, IDisposable
{
    public const string MarksFileName = "blocks_done.bits";
    public const string LayoutFileName = "blocks_done.layout.json";

    private readonly MemoryMappedFile? file;
    private readonly MemoryMappedViewAccessor? view;
    private ulong* words;

    private DoneStore(string path, long blockCount, MemoryMappedFile? file, MemoryMappedViewAccessor? view)
    {
        Path = path;
        BlockCount = blockCount;
        this.file = file;
        this.view = view;
        if (view is not null)
        {
            byte* start = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
            words = (ulong*)(start + view.PointerOffset);
        }
    }

    /// <summary>The marks file.</summary>
    public string Path { get; }

    public long BlockCount { get; }

    /// <summary>
    /// Opens (or creates) the done-store of a task below <paramref name="logDirectory"/>; throws
    /// <see cref="LayoutChangedException"/> when the stored layout differs.
    /// </summary>
    public static DoneStore Open(string logDirectory, string taskName, BlockLayout layout)
    {
        var blockCount = new BlockGrid(taskName, layout).BlockCount;
        var meta = TaskPaths.MetaDirectory(logDirectory, taskName);
        Directory.CreateDirectory(meta);
        var layoutPath = System.IO.Path.Combine(meta, LayoutFileName);
        var marksPath = System.IO.Path.Combine(meta, MarksFileName);
        var fingerprint = LayoutFingerprint.Of(layout, blockCount);
        if (File.Exists(layoutPath))
        {
            var stored = File.ReadAllText(layoutPath).Trim();
            if (stored != fingerprint)
            {
                throw new LayoutChangedException(
                    $"task '{taskName}' was run before with another block layout; its done-marks in '{meta}' do not apply. " +
                    $"Stored layout: {stored}; new layout: {fingerprint}. Drop the task (or its meta directory) to start over.");
            }
        }
        else
        {
            // A stale marks file without a layout cannot be trusted.
            File.Delete(marksPath);
            LegacyDoneMarks.Delete(meta);
            AtomicFile.WriteAllText(layoutPath, fingerprint + "\n");
        }

        long length = DoneBitmap.ByteLength(blockCount);
        if (File.Exists(marksPath) && new FileInfo(marksPath).Length != length)
        {
            throw new LayoutChangedException(
                $"done-marks of task '{taskName}' in '{marksPath}' are {new FileInfo(marksPath).Length} bytes, the {blockCount} blocks of the layout need {length}: " +
                $"the file is damaged; drop the task's done-marks to run its blocks again (volara drop PIPELINE --task {taskName} --keep-outputs, or delete '{meta}')");
        }

        DoneStore store;
        if (blockCount == 0)
        {
            File.WriteAllBytes(marksPath, []);
            store = new DoneStore(marksPath, 0, null, null);
        }
        else
        {
            CreateZeroed(marksPath, length);
            var mapped = MemoryMappedFile.CreateFromFile(marksPath, FileMode.Open, null, length, MemoryMappedFileAccess.ReadWrite);
            var view = mapped.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
            store = new DoneStore(marksPath, blockCount, mapped, view);
        }

        LegacyDoneMarks.CarryOver(meta, store);
        return store;
    }

    /// <summary>
    /// Creates the marks file at its full length in one step (a zeroed file renamed into place), so that nothing ever
    /// sees it created but not yet sized; an existing file is kept.
    /// </summary>
    private static void CreateZeroed(string marksPath, long length)
    {
        if (File.Exists(marksPath))
        {
            return;
        }

        string temporary = AtomicFile.TemporaryPath(marksPath);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.SetLength(length);
            }

            try
            {
                File.Move(temporary, marksPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(marksPath))
            {
                // Created meanwhile by another process: theirs is as good.
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public bool IsDone(long blockIndex)
    {
        CheckIndex(blockIndex);
        return ((words[blockIndex >> 6] >> (int)(blockIndex & 63)) & 1) != 0;
    }

    public void MarkDone(long blockIndex)
    {
        CheckIndex(blockIndex);
        Interlocked.Or(ref words[blockIndex >> 6], 1UL << (int)(blockIndex & 63));
    }

    /// <summary>Marks the blocks <paramref name="begin"/> (inclusive) to <paramref name="end"/> (exclusive) done.</summary>
    public void MarkRangeDone(long begin, long end)
    {
        CheckRange(begin, end);
        if (begin == end)
        {
            return;
        }

        long first = begin >> 6;
        long last = (end - 1) >> 6;
        ulong low = ulong.MaxValue << (int)(begin & 63);
        ulong high = ulong.MaxValue >> (int)(63 - ((end - 1) & 63));
        if (first == last)
        {
            Interlocked.Or(ref words[first], low & high);
            return;
        }

        Interlocked.Or(ref words[first], low);
        Interlocked.Or(ref words[last], high);

        // Whole words may be overwritten: a concurrent OR into an all-ones word changes nothing.
        for (long word = first + 1; word < last; word += int.MaxValue)
        {
            new Span<ulong>(words + word, (int)Math.Min(last - word, int.MaxValue)).Fill(ulong.MaxValue);
        }
    }

    public long FirstNotDone(long begin, long end)
    {
        CheckRange(begin, end);
        if (begin == end)
        {
            return end;
        }

        long word = begin >> 6;
        long lastWord = (end - 1) >> 6;
        ulong notDone = ~words[word] & (ulong.MaxValue << (int)(begin & 63));
        while (notDone == 0)
        {
            if (word == lastWord)
            {
                return end;
            }

            long next = word + 1;
            int length = (int)Math.Min(lastWord - next + 1, int.MaxValue);
            int found = new ReadOnlySpan<ulong>(words + next, length).IndexOfAnyExcept(ulong.MaxValue);
            word = found < 0 ? next + length - 1 : next + found;
            notDone = found < 0 ? 0 : ~words[word];
        }

        return Math.Min(end, (word << 6) + BitOperations.TrailingZeroCount(notDone));
    }

    /// <summary>Number of blocks marked done.</summary>
    public long CountDone()
    {
        long count = 0;
        long wordCount = (BlockCount + 63) >> 6;
        for (long word = 0; word < wordCount; word++)
        {
            count += BitOperations.PopCount(words[word]);
        }

        return count;
    }

    /// <summary>Writes the marks to disk.</summary>
    public void Flush() => view?.Flush();

    public void Dispose()
    {
        if (view is not null && words is not null)
        {
            view.Flush();
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            words = null;
        }

        view?.Dispose();
        file?.Dispose();
    }

    private void CheckIndex(long blockIndex)
    {
        if ((ulong)blockIndex >= (ulong)BlockCount || words is null)
        {
            throw new ArgumentOutOfRangeException(nameof(blockIndex), $"block index {blockIndex} is outside the {BlockCount} blocks of '{Path}' (or the store is closed)");
        }
    }

    private void CheckRange(long begin, long end)
    {
        if (begin < 0 || begin > end || end > BlockCount || (words is null && BlockCount > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(begin), $"blocks [{begin}, {end}) are not a range of the {BlockCount} blocks of '{Path}' (or the store is closed)");
        }
    }
}
