using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>A task that cannot leave its process (no configuration).</summary>
internal sealed class InProcessOnlyTask : IBlockwiseTask
{
    public string Name => "in_process_only";

    public BlockLayout Layout { get; } = new(new Roi(new Coordinate(0), new Coordinate(10)), new Coordinate(5), new Coordinate(0), new Coordinate(0));

    public ExecutionOptions Execution { get; } = new();

    public void Init()
    {
    }

    public IBlockProcessor CreateProcessor(int worker) => throw new InvalidOperationException("not used");

    public void DropArtifacts()
    {
    }

    public JsonObject? ToConfig() => null;
}
