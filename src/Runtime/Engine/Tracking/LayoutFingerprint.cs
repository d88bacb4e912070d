using System.Text.Json.Nodes;

namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// What the done-marks of a task depend on: the block grid (total write ROI, block size, context, fit) and the
/// conflict flag. Stored as JSON beside the marks; a rerun with another layout is refused.
/// </summary>
public static class LayoutFingerprint
{
    public static string Of(BlockLayout layout, long blockCount)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var node = new JsonObject
        {
            ["total_write_roi"] = new JsonObject
            {
                ["offset"] = ToArray(layout.TotalWriteRoi.Offset.ToLongArray()),
                ["shape"] = ToArray(layout.TotalWriteRoi.Shape.ToLongArray()),
            },
            ["block_size"] = ToArray(layout.BlockSize.ToLongArray()),
            ["context_low"] = ToArray(layout.ContextLow.ToLongArray()),
            ["context_high"] = ToArray(layout.ContextHigh.ToLongArray()),
            ["fit"] = layout.Fit.ToString().ToLowerInvariant(),
            ["read_write_conflict"] = layout.ReadWriteConflict,
            ["block_count"] = blockCount,
        };
        return node.ToJsonString();
    }

    private static JsonArray ToArray(long[] values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode)value);
        }

        return array;
    }
}
