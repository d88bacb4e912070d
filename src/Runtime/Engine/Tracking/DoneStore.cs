using System.IO.MemoryMappedFiles;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Engine.Scheduling;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// A task's persistent completion marks: one byte per block (dense block index) in a memory-mapped file in the
/// task's meta directory, beside the layout fingerprint. Marks written through the shared mapping reach the
/// file even when the process is killed right after; <see cref="Flush"/> also forces them to disk.
/// </summary>
public sealed unsafe class DoneStore : IDoneMarks, IDisposable
{
    public const string MarksFileName = "blocks_done";
    public const string LayoutFileName = "blocks_done.layout.json";

    private readonly MemoryMappedFile? file;
    private readonly MemoryMappedViewAccessor? view;
    private byte* marks;

    private DoneStore(string path, long blockCount, MemoryMappedFile? file, MemoryMappedViewAccessor? view)
    {
        Path = path;
        BlockCount = blockCount;
        this.file = file;
        this.view = view;
        if (view is not null)
        {
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref marks);
            marks += view.PointerOffset;
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
            AtomicFile.WriteAllText(layoutPath, fingerprint + "\n");
        }

        if (File.Exists(marksPath) && new FileInfo(marksPath).Length != blockCount)
        {
            throw new LayoutChangedException(
                $"done-marks of task '{taskName}' in '{marksPath}' hold {new FileInfo(marksPath).Length} blocks, the layout has {blockCount}");
        }

        if (blockCount == 0)
        {
            File.WriteAllBytes(marksPath, []);
            return new DoneStore(marksPath, 0, null, null);
        }

        var mapped = MemoryMappedFile.CreateFromFile(marksPath, FileMode.OpenOrCreate, null, blockCount, MemoryMappedFileAccess.ReadWrite);
        var view = mapped.CreateViewAccessor(0, blockCount, MemoryMappedFileAccess.ReadWrite);
        return new DoneStore(marksPath, blockCount, mapped, view);
    }

    public bool IsDone(long blockIndex)
    {
        CheckIndex(blockIndex);
        return marks[blockIndex] != 0;
    }

    public void MarkDone(long blockIndex)
    {
        CheckIndex(blockIndex);
        marks[blockIndex] = 1;
    }

    /// <summary>Number of blocks marked done.</summary>
    public long CountDone()
    {
        long count = 0;
        for (long i = 0; i < BlockCount; i++)
        {
            count += marks[i] != 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>Writes the marks to disk.</summary>
    public void Flush() => view?.Flush();

    public void Dispose()
    {
        if (view is not null && marks is not null)
        {
            view.Flush();
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            marks = null;
        }

        view?.Dispose();
        file?.Dispose();
    }

    private void CheckIndex(long blockIndex)
    {
        if ((ulong)blockIndex >= (ulong)BlockCount || marks is null)
        {
            throw new ArgumentOutOfRangeException(nameof(blockIndex), $"block index {blockIndex} is outside the {BlockCount} blocks of '{Path}' (or the store is closed)");
        }
    }
}
