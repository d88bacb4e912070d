using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Serialization;
using Volara.Runtime.Geometry;

namespace Volara.TestWorker;

/// <summary>Common fields of the test tasks: a block grid without context and the execution settings.</summary>
public abstract class TestTask : IBlockwiseTask
{
    public required string Name { get; init; }

    public required Roi TotalRoi { get; init; }

    public required Coordinate BlockSize { get; init; }

    public int NumWorkers { get; init; } = 2;

    public int MaxRetries { get; init; } = 2;

    public int? TimeoutMs { get; init; }

    [JsonIgnore]
    public BlockLayout Layout => new(TotalRoi, BlockSize, Coordinate.Filled(BlockSize.Dims, 0), Coordinate.Filled(BlockSize.Dims, 0));

    [JsonIgnore]
    public ExecutionOptions Execution => new()
    {
        NumWorkers = NumWorkers,
        MaxRetries = MaxRetries,
        BlockTimeout = TimeoutMs is { } timeout ? TimeSpan.FromMilliseconds(timeout) : null,
    };

    public virtual void Init()
    {
    }

    public abstract IBlockProcessor CreateProcessor();

    public virtual void DropArtifacts()
    {
    }

    public JsonObject? ToConfig() => TaskJson.ToConfig(this);
}
