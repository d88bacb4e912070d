using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Storage.Ome;

/// <summary>Parses and validates OME-NGFF 0.4/0.5 multiscales metadata from group attributes.</summary>
internal static class OmeMetadataReader
{
    public static IReadOnlyList<OmeMultiscales> Read(ZarrGroup group)
    {
        var attributes = group.Attributes;
        string file = group.ZarrFormat == 2 ? ".zattrs" : "zarr.json";
        JsonNode? list;
        string? version = null;
        string field;
        if (attributes["ome"] is JsonObject ome)
        {
            version = ome["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            list = ome["multiscales"];
            field = "ome/multiscales";
            if (version is null)
            {
                throw new MetadataException(group.Path, file, "ome/version", "is missing");
            }
        }
        else
        {
            list = attributes["multiscales"];
            field = "multiscales";
        }

        if (list is not JsonArray entries)
        {
            throw new MetadataException(group.Path, file, field, list is null ? "is missing (not an OME-Zarr image)" : "must be a list");
        }

        var result = new List<OmeMultiscales>();
        for (int i = 0; i < entries.Count; i++)
        {
            string at = $"{field}/{i}";
            var entry = entries[i] as JsonObject ?? throw new MetadataException(group.Path, file, at, "must be an object");
            result.Add(ParseEntry(entry, version ?? Text(entry, "version") ?? OmeMultiscales.Version04, group.Path, file, at));
        }

        return result;
    }

    private static OmeMultiscales ParseEntry(JsonObject entry, string version, string path, string file, string at)
    {
        MetadataException Error(string field, string problem) => new(path, file, $"{at}/{field}", problem);

        if (entry["axes"] is not JsonArray axesJson || axesJson.Count is < 2 or > 5)
        {
            throw Error("axes", "must be a list of 2 to 5 axes");
        }

        var axes = new List<OmeAxis>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var axisNode in axesJson)
        {
            // 0.3 wrote axes as bare names.
            var axis = axisNode switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => new OmeAxis(v.GetValue<string>()),
                JsonObject o when Text(o, "name") is { } name => new OmeAxis(name, Text(o, "type"), Text(o, "unit")),
                _ => throw Error("axes", $"entry {axisNode?.ToJsonString() ?? "null"} has no name"),
            };
            if (!names.Add(axis.Name))
            {
                throw Error("axes", $"axis name '{axis.Name}' is repeated");
            }

            axes.Add(axis);
        }

        if (entry["datasets"] is not JsonArray datasetsJson || datasetsJson.Count == 0)
        {
            throw Error("datasets", "must be a non-empty list");
        }

        var datasets = new List<OmeDataset>();
        for (int i = 0; i < datasetsJson.Count; i++)
        {
            string field = $"datasets/{i}";
            var dataset = datasetsJson[i] as JsonObject ?? throw Error(field, "must be an object");
            string datasetPath = Text(dataset, "path") ?? throw Error($"{field}/path", "is missing");
            var (scale, translation) = ParseTransforms(dataset["coordinateTransformations"], axes.Count, required: true, Error, $"{field}/coordinateTransformations");
            datasets.Add(new OmeDataset(datasetPath, scale!, translation));
        }

        var (globalScale, globalTranslation) = ParseTransforms(entry["coordinateTransformations"], axes.Count, required: false, Error, "coordinateTransformations");
        return new OmeMultiscales
        {
            Version = version,
            Name = Text(entry, "name"),
            Axes = axes,
            Datasets = datasets,
            Type = Text(entry, "type"),
            Scale = globalScale,
            Translation = globalTranslation,
        };
    }

    private static (double[]? Scale, double[]? Translation) ParseTransforms(
        JsonNode? node, int dimensions, bool required, Func<string, string, MetadataException> error, string field)
    {
        if (node is null && !required)
        {
            return (null, null);
        }

        if (node is not JsonArray transforms || transforms.Count is 0 or > 2)
        {
            throw error(field, "must hold one scale, optionally followed by one translation");
        }

        double[]? scale = null, translation = null;
        for (int i = 0; i < transforms.Count; i++)
        {
            var transform = transforms[i] as JsonObject ?? throw error(field, "entries must be objects");
            string? type = Text(transform, "type");
            if (i == 0 && type != "scale")
            {
                throw error(field, $"the first transform must be 'scale', found '{type}'");
            }

            if (i == 1 && type != "translation")
            {
                throw error(field, $"the second transform must be 'translation', found '{type}'");
            }

            var values = Numbers(transform[type!], dimensions) ?? throw error(field, $"'{type}' must be a list of {dimensions} numbers");
            if (i == 0)
            {
                scale = values;
            }
            else
            {
                translation = values;
            }
        }

        return (scale, translation);
    }

    private static double[]? Numbers(JsonNode? node, int count)
    {
        if (node is not JsonArray array || array.Count != count)
        {
            return null;
        }

        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            if (array[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            {
                return null;
            }

            values[i] = v.GetValue<double>();
        }

        return values;
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
