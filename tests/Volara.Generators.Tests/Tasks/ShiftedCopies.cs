using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;

namespace Volara.Generators.Tests.Tasks;

/// <summary>
/// A list output and a one-sided context: entry i (null entries discarded) gets i + 1 channels, channel c holding
/// (c + 1) · the input's next voxel along x (read through the high context, 0 beyond the volume). Blocks overlap their
/// I/O: Process leaves the copies pending in its worker state, whose <see cref="IPendingWrites"/> writes them.
/// </summary>
[VolaraTask("test-shifted-copies", Fit = BlockFit.Overhang, OverlapIo = true)]
public sealed partial class ShiftedCopies
{
    [Input]
    public required Raw<float> Values { get; init; }

    [Output]
    public required IReadOnlyList<Raw?> Copies { get; init; }

    [BlockSize]
    public required Coordinate BlockSize { get; init; }

    [Context]
    [JsonIgnore]
    public (Coordinate Low, Coordinate High) Context => (new Coordinate(0, 0), new Coordinate(0, 1));

    [JsonIgnore]
    public override string Name => "shifted-copies";

    private OutputFormat OutputFormat(string field, int index) => new(index + 1, DataType.Float32);

    private PendingCopies CreateWorkerState() => new();

    private void Process(Block block, PendingCopies pending, ReadOnlyTensorSpan<float> values, IReadOnlyList<VolumeArray?> copies)
    {
        var writes = new List<(VolumeArray Array, Roi Region, float[] Values)>();
        var source = values.AsReadOnlySpan();
        int readWidth = (int)values.Lengths[1];
        for (int i = 0; i < copies.Count; i++)
        {
            if (copies[i] is not { } array)
            {
                continue;
            }

            // Overhanging blocks write only what lies inside the array.
            var region = block.WriteRoi.Intersect(array.Roi);
            var start = region.Offset - block.WriteRoi.Offset;
            int height = (int)region.Shape.ValueAt(0), width = (int)region.Shape.ValueAt(1);
            var target = new float[(i + 1) * height * width];
            for (int c = 0; c <= i; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        int readAt = ((y + (int)start.ValueAt(0)) * readWidth) + x + (int)start.ValueAt(1) + 1;
                        target[(((c * height) + y) * width) + x] = (c + 1) * source[readAt];
                    }
                }
            }

            writes.Add((array, region, target));
        }

        pending.Blocks.Enqueue((block.Id, writes));
    }

    private sealed class PendingCopies : IPendingWrites
    {
        public ConcurrentQueue<(ulong Block, List<(VolumeArray Array, Roi Region, float[] Values)> Writes)> Blocks { get; } = new();

        public void WritePending(Block block)
        {
            if (!Blocks.TryDequeue(out var oldest) || oldest.Block != block.Id)
            {
                throw new InvalidOperationException($"block {block.Id} is not the oldest pending one");
            }

            foreach (var (array, region, values) in oldest.Writes)
            {
                array.Write(region, (ReadOnlySpan<float>)values);
            }
        }
    }
}
