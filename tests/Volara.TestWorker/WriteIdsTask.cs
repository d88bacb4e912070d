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

    public override IBlockProcessor CreateProcessor(int worker) => new Processor(this, VolumeArray.Open(OutputPath, AccessMode.ReadWrite));

    private sealed class Processor(WriteIdsTask task, VolumeArray output) : IBlockProcessor
    {
        public void Process(Block block)
        {
            if (task.StartedDirectory is { } started)
            {
                var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                // Written beside the folder and moved in, so that a test never reads the file half-written.
                string written = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(started))!, $".{block.Id}-{pid}.started");
                File.WriteAllText(written, pid);
                File.Move(written, Path.Combine(started, $"{block.Id}-{pid}"), overwrite: true);
            }

            if (Array.IndexOf(task.ExitBlockIds, block.Id) >= 0)
            {
                Environment.Exit(ExitCodeOfExitBlocks);
            }

            if (task.SleepEveryBlock || Array.IndexOf(task.SleepBlockIds, block.Id) >= 0)
            {
                Thread.Sleep(task.SleepMs);
            }

            if (Array.IndexOf(task.FailBlockIds, block.Id) >= 0)
            {
                throw new InvalidOperationException($"block {block.Id} is set up to fail");
            }

            var values = new ulong[checked((int)block.WriteRoi.Size!.Value)];
            Array.Fill(values, block.Id + 1);
            output.Write<ulong>(block.WriteRoi, values);
        }

        public void Dispose()
        {
        }
    }
}
