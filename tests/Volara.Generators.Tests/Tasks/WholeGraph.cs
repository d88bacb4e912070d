using System.Text.Json.Serialization;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;

namespace Volara.Generators.Tests.Tasks;

/// <summary>A graph database description as the graph tasks see it: declared edge attributes by name.</summary>
public sealed record TestGraphConfig(string Path)
{
    public IReadOnlyDictionary<string, string>? EdgeAttrs { get; init; }
}

/// <summary>GraphMWS's shape: no arrays at all, one block over the configured ROI, weights naming edge attributes.</summary>
[VolaraTask("test-whole-graph", WholeRoi = true)]
public sealed partial class WholeGraph
{
    [Parameter]
    public required TestGraphConfig Db { get; init; }

    [Parameter, EdgeAttributesOf(nameof(Db))]
    public required IReadOnlyDictionary<string, double[]> Weights { get; init; }

    [Parameter]
    public required string Lut { get; init; }

    [WriteRoi]
    public Roi? Roi { get; init; }

    [JsonIgnore]
    public override string Name => $"{System.IO.Path.GetFileName(Lut)}-whole-graph";

    private void Process(Block block) => File.WriteAllText(Lut, block.WriteRoi.ToString());
}
