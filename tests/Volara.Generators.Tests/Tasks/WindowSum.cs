using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Generators.Tests.Tasks;

/// <summary>
/// Sums a (2·radius+1)² window around each voxel, with the geometry a model would dictate: block size and context derived
/// from the read shape, overhang fit (Process always sees whole blocks), a per-worker state counting its blocks, and
/// blocks read ahead and written behind while Process runs.
/// </summary>
[VolaraTask("test-window-sum", Fit = BlockFit.Overhang, OverlapIo = true)]
public sealed partial class WindowSum
{
    private int statesCreated;

    [Input]
    public required Raw<float> Values { get; init; }

    [Output]
    public required Raw<float> Sums { get; init; }

    /// <summary>The shape each block reads, as a model's input shape.</summary>
    [Parameter]
    public required Coordinate ReadShape { get; init; }

    [Parameter]
    public int Radius { get; init; } = 1;

    [BlockSize]
    [JsonIgnore]
    public Coordinate BlockSize => ReadShape - (2 * Radius);

    [Context]
    [JsonIgnore]
    public Coordinate Context => Coordinate.Filled(ReadShape.Dims, Radius);

    /// <summary>How many worker states were created.</summary>
    [JsonIgnore]
    public int StatesCreated => statesCreated;

    /// <summary>The worker number each worker state was created for.</summary>
    [JsonIgnore]
    public ConcurrentQueue<int> WorkerNumbers { get; } = new();

    /// <summary>The block count of every disposed worker state.</summary>
    [JsonIgnore]
    public ConcurrentQueue<int> DisposedStates { get; } = new();

    /// <summary>Shapes of the output tensors Process saw that were not the block size.</summary>
    [JsonIgnore]
    public ConcurrentQueue<string> PartialBlocks { get; } = new();

    private Worker CreateWorkerState(int worker)
    {
        Interlocked.Increment(ref statesCreated);
        WorkerNumbers.Enqueue(worker);
        return new Worker(this);
    }

    private void Process(Block block, Worker worker, ReadOnlyTensorSpan<float> values, TensorSpan<float> sums)
    {
        worker.Blocks++;
        int height = (int)sums.Lengths[0], width = (int)sums.Lengths[1];
        if (height != BlockSize.ValueAt(0) || width != BlockSize.ValueAt(1))
        {
            PartialBlocks.Enqueue($"{height}x{width}");
        }

        int readWidth = (int)values.Lengths[1];
        var source = values.AsReadOnlySpan();
        var target = sums.AsSpan();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                float sum = 0;
                for (int dy = 0; dy <= 2 * Radius; dy++)
                {
                    for (int dx = 0; dx <= 2 * Radius; dx++)
                    {
                        sum += source[((y + dy) * readWidth) + x + dx];
                    }
                }

                target[(y * width) + x] = sum;
            }
        }
    }

    private sealed class Worker(WindowSum task) : IDisposable
    {
        public int Blocks { get; set; }

        public void Dispose() => task.DisposedStates.Enqueue(Blocks);
    }
}
