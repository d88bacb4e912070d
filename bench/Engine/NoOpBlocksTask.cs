using System.Text.Json.Serialization;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Serialization;

namespace Volara.Bench.Engine;

/// <summary>A task whose blocks do nothing, so a run measures only scheduling and transport.</summary>
[JsonContract]
public sealed partial class NoOpBlocksTask : BlockwiseTaskBase, IDescribedTask
{
    public static TaskDescriptor Descriptor { get; } = TaskDescriptor.ForContract<NoOpBlocksTask>("bench_noop", JsonContracts.Resolver);

    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Register() => TaskCatalog.Add(Descriptor);

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
