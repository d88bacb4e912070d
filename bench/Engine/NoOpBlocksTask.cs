using System.Text.Json.Serialization;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Bench.Engine;

/// <summary>A task whose blocks do nothing, so a run measures only scheduling and transport.</summary>
public sealed class NoOpBlocksTask : BlockwiseTaskBase, IDescribedTask
{
    public static TaskDescriptor Descriptor { get; } = TaskDescriptor.ForContract<NoOpBlocksTask>("bench_noop", NoOpBlocksContract.Default);

    public required string TaskName { get; init; }

    [JsonIgnore]
    public override string Name => TaskName;

    public required Roi TotalRoi { get; init; }

    [JsonIgnore]
    public override BlockLayout Layout =>
        new(TotalRoi, Coordinate.Filled(TotalRoi.Dims, 1), Coordinate.Filled(TotalRoi.Dims, 0), Coordinate.Filled(TotalRoi.Dims, 0));

    public override System.Text.Json.Nodes.JsonObject? ToConfig() => Descriptor.ToConfig(this);

    public override IBlockProcessor CreateProcessor(int worker) => new NoOpProcessor();

    private sealed class NoOpProcessor : IBlockProcessor
    {
        public void Process(Block block)
        {
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>The no-op task's JSON contract, registered when the assembly loads (workers rebuild it from its configuration).</summary>
[JsonSerializable(typeof(NoOpBlocksTask))]
internal sealed partial class NoOpBlocksContract : JsonSerializerContext
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Register() => TaskCatalog.Add(global::Volara.Bench.Engine.NoOpBlocksTask.Descriptor);
}
