using System.Globalization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Serialization;
using Volara.Runtime.Storage;

namespace Volara.TestWorker;

/// <summary>
/// Writes <c>block id + 1</c> into every voxel of each block's write ROI of a uint64 Zarr array (one chunk
/// per block). Chosen blocks can sleep, throw, or end the whole worker process; each block start can leave a
/// file <c>&lt;id&gt;-&lt;pid&gt;</c> in <see cref="StartedDirectory"/> so a test can find the process running it.
/// With <see cref="Staged"/> its processor is staged: the block starts (and sleeps) in its read stage, its values are
/// made in the compute stage (which fails the chosen blocks) and written in the write stage, each slot with its own
/// buffer.
/// </summary>
[JsonContract]
public sealed partial class WriteIdsTask : TestTask, IDescribedTask
{
    public static TaskDescriptor Descriptor { get; } = TaskDescriptor.ForContract<WriteIdsTask>("test_write_ids", JsonContracts.Resolver);

    public override System.Text.Json.Nodes.JsonObject? ToConfig() => Descriptor.ToConfig(this);

    public const int ExitCodeOfExitBlocks = 9;

    public required string OutputPath { get; init; }

    public int SleepMs { get; init; }

    public ulong[] SleepBlockIds { get; init; } = [];

    public bool SleepEveryBlock { get; init; }

    public ulong[] FailBlockIds { get; init; } = [];

    public ulong[] ExitBlockIds { get; init; } = [];

    public string? StartedDirectory { get; init; }

    public bool Staged { get; init; }

    /// <summary>With <see cref="Staged"/>: the worker leaves a file <c>overlap-&lt;pid&gt;</c> here holding the most stages that ran at once.</summary>
    public string? OverlapDirectory { get; init; }

    public override void Init()
    {
        var chunks = new int[BlockSize.Dims];
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = checked((int)BlockSize.ValueAt(i));
        }

        VolumeArray.Prepare(OutputPath, new PrepareOptions
        {
            Shape = TotalRoi.Shape.ToLongArray(),
            ChunkShape = chunks,
            DataType = DataType.UInt64,
            Offset = TotalRoi.Offset,
            VoxelSize = Coordinate.Filled(BlockSize.Dims, 1),
            Mode = AccessMode.Append,
        });
        if (StartedDirectory is not null)
        {
            Directory.CreateDirectory(StartedDirectory);
        }
    }

    public override void DropArtifacts() => Directory.Delete(OutputPath, recursive: true);

    public override IBlockProcessor CreateProcessor(int worker)
    {
        var output = VolumeArray.Open(OutputPath, AccessMode.ReadWrite);
        return Staged ? new StagedProcessor(this, output) : new Processor(this, output);
    }

    private void Start(Block block)
    {
        if (StartedDirectory is { } started)
        {
            var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            // Written beside the folder and moved in, so that a test never reads the file half-written.
            string written = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(started))!, $".{block.Id}-{pid}.started");
            File.WriteAllText(written, pid);
            File.Move(written, Path.Combine(started, $"{block.Id}-{pid}"), overwrite: true);
        }

        if (Array.IndexOf(ExitBlockIds, block.Id) >= 0)
        {
            Environment.Exit(ExitCodeOfExitBlocks);
        }

        if (SleepEveryBlock || Array.IndexOf(SleepBlockIds, block.Id) >= 0)
        {
            Thread.Sleep(SleepMs);
        }
    }

    private ulong[] Values(Block block)
    {
        if (Array.IndexOf(FailBlockIds, block.Id) >= 0)
        {
            throw new InvalidOperationException($"block {block.Id} is set up to fail");
        }

        var values = new ulong[checked((int)block.WriteRoi.Size!.Value)];
        Array.Fill(values, block.Id + 1);
        return values;
    }

    private sealed class Processor(WriteIdsTask task, VolumeArray output) : IBlockProcessor
    {
        public void Process(Block block)
        {
            task.Start(block);
            output.Write<ulong>(block.WriteRoi, task.Values(block));
        }

        public void Dispose()
        {
        }
    }

    private sealed class StagedProcessor(WriteIdsTask task, VolumeArray output) : IStagedBlockProcessor
    {
        private readonly ulong[]?[] slots = new ulong[]?[Volara.Runtime.Engine.Execution.BlockPipeline.Slots];
        private int running;
        private int mostRunning;

        public void Read(Block block, int slot) => Stage(() => task.Start(block));

        public void Compute(Block block, int slot) => Stage(() =>
        {
            slots[slot] = task.Values(block);
            if (task.SleepEveryBlock)
            {
                Thread.Sleep(task.SleepMs);
            }
        });

        public void Write(Block block, int slot) => Stage(() =>
        {
            output.Write<ulong>(block.WriteRoi, slots[slot]);
            slots[slot] = null;
        });

        public void Dispose()
        {
            if (task.OverlapDirectory is { } directory)
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(Path.Combine(directory, $"overlap-{Environment.ProcessId}"), mostRunning.ToString(CultureInfo.InvariantCulture));
            }
        }

        private void Stage(Action stage)
        {
            int now = Interlocked.Increment(ref running);
            int most;
            while (now > (most = Volatile.Read(ref mostRunning)) && Interlocked.CompareExchange(ref mostRunning, now, most) != most)
            {
            }

            try
            {
                stage();
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }
}
