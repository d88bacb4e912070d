using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Volara.Runtime.Luts;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Output;

/// <summary>What <c>volara info</c> says about what is not one array: a group and the arrays below it, or a look-up table.</summary>
public static class NodeListing
{
    /// <summary>The group's arrays at any depth (path, dtype, shape, chunks), as a table or JSON.</summary>
    public static string Group(ZarrGroup group, bool json)
    {
        var arrays = group.Walk().Where(node => node.Kind == ZarrNodeKind.Array)
            .Select(node => (node.Path, Array: ZarrArray.Open(Path.Combine(group.Path, node.Path))))
            .ToList();
        if (json)
        {
            return new JsonObject
            {
                ["kind"] = "group",
                ["zarr_format"] = group.ZarrFormat,
                ["arrays"] = new JsonArray([.. arrays.Select(a => (JsonNode)new JsonObject
                {
                    ["path"] = a.Path,
                    ["dtype"] = a.Array.DataType.NumpyName,
                    ["shape"] = new JsonArray([.. a.Array.Shape.Select(n => (JsonNode)n)]),
                    ["chunks"] = new JsonArray([.. a.Array.ChunkShape.Select(n => (JsonNode)n)]),
                })]),
            }.ToJsonString() + "\n";
        }

        var rows = new List<string[]> { new[] { "array", "dtype", "shape", "chunks" } };
        rows.AddRange(arrays.Select(a => new[] { a.Path, a.Array.DataType.NumpyName, Tuple(a.Array.Shape), Tuple(a.Array.ChunkShape.Select(n => (long)n)) }));
        var text = new StringBuilder($"group (zarr v{group.ZarrFormat}) with {arrays.Count} array{(arrays.Count == 1 ? "" : "s")}\n");
        return arrays.Count == 0 ? text.ToString() : text.Append(TextTable.Format(rows)).ToString();
    }

    /// <summary>A fragment → segment look-up table: its stored shape and type, and how many fragments and segments it maps.</summary>
    public static string LookUpTable(string file, bool json)
    {
        var table = new Lut { Path = file }.Load() ?? throw CliPaths.Missing(file);
        int segments = table.Segments.Distinct().Count();
        if (json)
        {
            return new JsonObject
            {
                ["kind"] = "lut",
                ["dtype"] = "uint64",
                ["shape"] = new JsonArray(2, table.Count),
                ["fragments"] = table.Count,
                ["segments"] = segments,
            }.ToJsonString() + "\n";
        }

        return string.Create(CultureInfo.InvariantCulture, $"look-up table (fragment → segment), shape (2, {table.Count}), dtype uint64: {table.Count} fragments in {segments} segments\n");
    }

    private static string Tuple(IEnumerable<long> values) => $"({string.Join(", ", values)})";
}
