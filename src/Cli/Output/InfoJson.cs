using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Cli.Output;

/// <summary>The <c>--json</c> form of <c>volara info</c>: one object with a fixed set of keys.</summary>
public static class InfoJson
{
    // Relaxed escaping keeps units such as "µm" readable; the output is still valid JSON.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToJson(ArrayInfo info) => new()
    {
        ["shape"] = Numbers(info.Shape),
        ["dtype"] = info.DataType,
        ["chunks"] = Numbers(info.Chunks),
        ["shards"] = info.Shards is null ? null : Numbers(info.Shards),
        ["zarr_format"] = info.ZarrFormat,
        ["codecs"] = new JsonArray([.. info.Codecs.Select(codec => codec.DeepClone())]),
        ["fill_value"] = info.FillValue?.DeepClone(),
        ["voxel_size"] = info.Geometry.VoxelSize.DeepClone(),
        ["offset"] = info.Geometry.Offset.DeepClone(),
        ["axis_names"] = info.Geometry.AxisNames.DeepClone(),
        ["units"] = info.Geometry.Units.DeepClone(),
    };

    public static string Format(ArrayInfo info) => ToJson(info).ToJsonString(Indented);

    private static JsonArray Numbers<T>(IEnumerable<T> values) => new([.. values.Select(value => JsonValue.Create(value))]);
}
