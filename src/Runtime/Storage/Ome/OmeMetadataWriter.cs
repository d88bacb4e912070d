using System.Text.Json.Nodes;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Storage.Ome;

/// <summary>Writes OME-NGFF multiscales metadata into an image group's attributes.</summary>
internal static class OmeMetadataWriter
{
    public static void Write(string groupPath, OmeMultiscales multiscales)
    {
        int format = multiscales.Version switch
        {
            OmeMultiscales.Version04 => 2,
            OmeMultiscales.Version05 => 3,
            var other => throw new ArgumentException($"OME-NGFF version '{other}' is not '0.4' or '0.5'", nameof(multiscales)),
        };
        Validate(groupPath, multiscales);
        var group = ZarrGroup.Exists(groupPath) ? ZarrGroup.Open(groupPath) : ZarrGroup.Create(groupPath, format);
        if (group.ZarrFormat != format)
        {
            throw new ZarrException($"OME-NGFF {multiscales.Version} needs a Zarr v{format} group, this one is v{group.ZarrFormat}", group.Path);
        }

        if (format == 3)
        {
            CheckDimensionNames(group.Path, multiscales);
        }

        var entry = new JsonObject();
        if (format == 2)
        {
            entry["version"] = multiscales.Version;
        }

        if (multiscales.Name is not null)
        {
            entry["name"] = multiscales.Name;
        }

        var axes = new JsonArray();
        foreach (var axis in multiscales.Axes)
        {
            var axisJson = new JsonObject { ["name"] = axis.Name };
            if (axis.Type is not null)
            {
                axisJson["type"] = axis.Type;
            }

            if (axis.Unit is not null)
            {
                axisJson["unit"] = axis.Unit;
            }

            axes.Add((JsonNode)axisJson);
        }

        entry["axes"] = axes;
        var datasets = new JsonArray();
        foreach (var dataset in multiscales.Datasets)
        {
            datasets.Add((JsonNode)new JsonObject { ["path"] = dataset.Path, ["coordinateTransformations"] = Transforms(dataset.Scale, dataset.Translation) });
        }

        entry["datasets"] = datasets;
        if (multiscales.Scale is not null)
        {
            entry["coordinateTransformations"] = Transforms(multiscales.Scale, multiscales.Translation);
        }

        if (multiscales.Type is not null)
        {
            entry["type"] = multiscales.Type;
        }

        var list = new JsonArray { (JsonNode)entry };
        group.UpdateAttributes(format == 2
            ? new JsonObject { ["multiscales"] = list }
            : new JsonObject { ["ome"] = new JsonObject { ["version"] = multiscales.Version, ["multiscales"] = list } });
    }

    private static void Validate(string groupPath, OmeMultiscales multiscales)
    {
        void Fail(string problem) => throw new ArgumentException($"OME-Zarr '{groupPath}': {problem}", nameof(multiscales));

        int n = multiscales.Axes.Count;
        if (n is < 2 or > 5)
        {
            Fail($"{n} axes given, OME-NGFF allows 2 to 5");
        }

        if (multiscales.Axes.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != n)
        {
            Fail("axis names must be unique");
        }

        if (multiscales.Datasets.Count == 0)
        {
            Fail("at least one dataset is needed");
        }

        foreach (var dataset in multiscales.Datasets)
        {
            if (dataset.Scale.Count != n || (dataset.Translation is { } t && t.Count != n))
            {
                Fail($"dataset '{dataset.Path}' needs scale and translation with {n} entries");
            }
        }

        if ((multiscales.Scale is { } s && s.Count != n) || (multiscales.Translation is { } tr && tr.Count != n) || (multiscales.Translation is not null && multiscales.Scale is null))
        {
            Fail($"the multiscale-level transform needs a scale (and optional translation) with {n} entries");
        }
    }

    private static void CheckDimensionNames(string groupPath, OmeMultiscales multiscales)
    {
        foreach (var dataset in multiscales.Datasets)
        {
            string levelPath = Path.Combine(groupPath, dataset.Path);
            if (!ZarrArray.Exists(levelPath))
            {
                continue;
            }

            var names = ZarrArray.Open(levelPath).DimensionNames;
            if (names is null || !names.SequenceEqual(multiscales.Axes.Select(a => (string?)a.Name)))
            {
                throw new MetadataException(levelPath, "zarr.json", "dimension_names",
                    $"must equal the OME axis names [{string.Join(", ", multiscales.Axes.Select(a => a.Name))}] for OME-NGFF 0.5");
            }
        }
    }

    private static JsonArray Transforms(IReadOnlyList<double> scale, IReadOnlyList<double>? translation)
    {
        var transforms = new JsonArray { (JsonNode)new JsonObject { ["type"] = "scale", ["scale"] = Numbers(scale) } };
        if (translation is not null)
        {
            transforms.Add((JsonNode)new JsonObject { ["type"] = "translation", ["translation"] = Numbers(translation) });
        }

        return transforms;
    }

    private static JsonArray Numbers(IReadOnlyList<double> values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add((JsonNode)v);
        }

        return array;
    }
}
