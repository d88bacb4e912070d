using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Output;

/// <summary>What <c>volara info</c> reports about one array; the JSON keys are the property names in snake case.</summary>
public sealed record ArrayInfo(
    IReadOnlyList<long> Shape,
    string DataType,
    IReadOnlyList<int> Chunks,
    IReadOnlyList<int>? Shards,
    int ZarrFormat,
    IReadOnlyList<JsonObject> Codecs,
    JsonNode? FillValue,
    FunlibAttributes Geometry)
{
    public static ArrayInfo Of(ZarrArray array) => new(
        array.Shape,
        array.DataType.NumpyName,
        array.ChunkShape,
        array.ShardShape,
        array.ZarrFormat,
        array.CodecConfigs,
        array.FillValueJson,
        FunlibAttributes.Read(array.Attributes, array.Shape.Count, array.Path));
}
