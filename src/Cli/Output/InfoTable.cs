using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Cli.Output;

/// <summary>The human-readable form of <c>volara info</c>: one aligned <c>key  value</c> row per property.</summary>
public static class InfoTable
{
    public static string Format(ArrayInfo info)
    {
        (string Key, string Value)[] rows =
        [
            ("shape", Tuple(info.Shape.Select(n => n.ToString(CultureInfo.InvariantCulture)))),
            ("dtype", info.DataType),
            ("chunks", Tuple(info.Chunks.Select(n => n.ToString(CultureInfo.InvariantCulture)))),
            ("shards", info.Shards is null ? "none" : Tuple(info.Shards.Select(n => n.ToString(CultureInfo.InvariantCulture)))),
            ("zarr_format", info.ZarrFormat.ToString(CultureInfo.InvariantCulture)),
            ("codecs", info.Codecs.Count == 0 ? "none" : string.Join(" | ", info.Codecs.Select(CodecText.Describe))),
            ("fill_value", info.FillValue is null ? "null" : Scalar(info.FillValue)),
            ("voxel_size", Tuple(info.Geometry.VoxelSize.Select(Scalar))),
            ("offset", Tuple(info.Geometry.Offset.Select(Scalar))),
            ("axis_names", Tuple(info.Geometry.AxisNames.Select(Scalar))),
            ("units", Tuple(info.Geometry.Units.Select(Scalar))),
        ];

        int width = rows.Max(row => row.Key.Length) + 2;
        var text = new StringBuilder();
        foreach (var (key, value) in rows)
        {
            text.Append(key.PadRight(width)).Append(value).Append('\n');
        }

        return text.ToString();
    }

    private static string Tuple(IEnumerable<string> parts) => $"({string.Join(", ", parts)})";

    /// <summary>Strings bare (empty ones as <c>''</c>, so they stay visible), everything else as JSON.</summary>
    internal static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } s ? s : "''",
        _ => node.ToJsonString(),
    };
}
