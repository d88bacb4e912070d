using System.Runtime.InteropServices;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Grid;
using Volara.Runtime.Geometry;

namespace Volara.Cli.Pipelines;

/// <summary>
/// What running a task will take, computed from its layout and the datasets' metadata without running anything:
/// blocks, bytes read and written (context overlap included), and the memory of one worker: the process itself, the
/// block buffers it holds, its decoded-chunk cache and its kernel's scratch where the task estimates it. Outputs that do not exist yet are
/// estimated with the element type the task writes and the channels of its first input.
/// </summary>
public sealed record TaskPlan(
    string Name,
    string TaskType,
    int Workers,
    long? Blocks,
    int? Levels,
    long[]? BlockWriteVoxels,
    long[]? BlockReadVoxels,
    long? ReadBytes,
    long? WriteBytes,
    long? MemoryPerWorker,
    IReadOnlyList<string> Upstream,
    string? Note,
    long[]? BlockWorld = null)
{
    public static TaskPlan Of(PipelineTask entry, IReadOnlyList<string> upstream)
    {
        var task = entry.Task;
        string taskType = entry.Descriptor.TaskType;
        int workers = task.Execution.NumWorkers;

        // An input written by an earlier task of the file: the layout reads its metadata, so it is known only then.
        if (entry.Ports.FirstOrDefault(p => !p.IsOutput && !p.Exists) is { } notYet)
        {
            return Unknown(entry, upstream, $"'{notYet.Dataset.Store}' does not exist yet");
        }

        BlockGrid grid;
        try
        {
            grid = new BlockGrid(task.Name, task.Layout);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return Unknown(entry, upstream, ErrorLine.Describe(error));
        }

        var inputs = entry.Ports.Where(p => !p.IsOutput).Select(p => (Port: p, Array: TryOpen(p.Dataset))).ToList();
        var reference = inputs.FirstOrDefault(i => i.Array is not null).Array;
        var voxelSize = reference?.VoxelSize ?? Coordinate.Filled(task.Layout.BlockSize.Dims, 1);
        long[] writeVoxels = (task.Layout.BlockWriteRoi.Shape / voxelSize).ToLongArray();
        long[] readVoxels = (task.Layout.BlockReadRoi.Shape / voxelSize).ToLongArray();
        long blockWrite = Product(writeVoxels);
        long blockRead = Product(readVoxels);

        long readPerBlock = 0;
        long memory = 0;
        foreach (var (port, array) in inputs)
        {
            long stored = array is null ? 0 : BytesPerVoxel(array, array.DataType.Size);
            readPerBlock += stored * blockRead;

            // A DSL input is converted to the element type Process sees; both buffers exist while converting.
            long processed = array is not null && port.ElementType is { } t ? BytesPerVoxel(array, SizeOf(t)) : stored;
            memory += (stored + (processed != stored ? processed : 0)) * blockRead;
        }

        long writePerBlock = 0;
        foreach (var port in entry.Ports.Where(p => p.IsOutput))
        {
            var existing = TryOpen(port.Dataset);
            long perVoxel = existing is not null ? BytesPerVoxel(existing, existing.DataType.Size)
                : port.ElementType is { } t ? SizeOf(t) * (port.SpatialOnly ? 1 : Channels(reference))
                : reference is null ? 0 : BytesPerVoxel(reference, 1);
            writePerBlock += perVoxel * blockWrite;
        }

        memory += writePerBlock;

        // A task that overlaps I/O holds the buffers of a block being read, one computing and one being written.
        memory *= entry.Descriptor.BlocksInFlight;
        memory += WorkerProcessMemory.BaselineBytes + ChunkCacheBudget.MemoryBytes(task);
        if (task is IBlockScratchEstimate scratch)
        {
            memory += scratch.BlockScratchBytes(blockRead, blockWrite);
        }
        // A worker beyond the number of blocks has nothing to do (a whole-volume task runs one block).
        int busyWorkers = (int)Math.Min(workers, Math.Max(1, grid.BlockCount));

        // Without an input array there is no voxel size (a graph task's region): the block is told in world units.
        bool inWorldUnits = reference is null;
        return new TaskPlan(
            task.Name, taskType, busyWorkers, grid.BlockCount, grid.LevelCount,
            inWorldUnits ? null : writeVoxels, inWorldUnits ? null : readVoxels,
            readPerBlock * grid.BlockCount, writePerBlock * grid.BlockCount, memory, upstream, null,
            inWorldUnits ? task.Layout.BlockWriteRoi.Shape.ToLongArray() : null);
    }

    private static TaskPlan Unknown(PipelineTask entry, IReadOnlyList<string> upstream, string reason) =>
        new(entry.Task.Name, entry.Descriptor.TaskType, entry.Task.Execution.NumWorkers, null, null, null, null, null, null, null, upstream,
            $"layout unknown until its inputs exist: {reason}");

    private static VolumeArray? TryOpen(Dataset dataset)
    {
        if (!Directory.Exists(dataset.Store))
        {
            return null;
        }

        try
        {
            return dataset.Array();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static long BytesPerVoxel(VolumeArray array, int elementSize) => Channels(array) * elementSize;

    private static long Channels(VolumeArray? array)
    {
        if (array is null)
        {
            return 1;
        }

        long channels = 1;
        for (int axis = 0; axis < array.Dims; axis++)
        {
            if (!AxisTypes.IsPhysical(array.Types[axis]))
            {
                channels *= array.Shape[axis];
            }
        }

        return channels;
    }

    private static int SizeOf(Type elementType) => elementType == typeof(bool) ? 1 : Marshal.SizeOf(elementType);

    private static long Product(long[] values)
    {
        long product = 1;
        foreach (long value in values)
        {
            product *= value;
        }

        return product;
    }
}
