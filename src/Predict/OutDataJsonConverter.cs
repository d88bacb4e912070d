using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Runtime.Datasets;

namespace Volara.Predict;

/// <summary>
/// volara's <c>out_data</c>: a list of datasets told apart by their <c>dataset_type</c> (<c>raw</c>, <c>affs</c>,
/// <c>lsd</c>; <c>raw</c> when absent), or null for a discarded model output.
/// </summary>
public sealed class OutDataJsonConverter : JsonConverter<IReadOnlyList<Dataset?>>
{
    public override IReadOnlyList<Dataset?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var items = JsonNode.Parse(ref reader) as JsonArray ?? throw new JsonException("out_data must be a list of datasets (or nulls)");
        var datasets = new List<Dataset?>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                datasets.Add(items[i] is null ? null : throw new JsonException($"out_data[{i}] must be a dataset object or null"));
                continue;
            }

            var kind = item["dataset_type"]?.GetValue<string>() ?? "raw";
            var type = kind switch
            {
                "raw" => typeof(Raw),
                "affs" => typeof(Affs),
                "lsd" => typeof(Lsd),
                _ => throw new JsonException($"out_data[{i}] has dataset_type '{kind}'; Predict writes raw, affs or lsd datasets"),
            };
            datasets.Add((Dataset?)item.Deserialize(type, options));
        }

        return datasets;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<Dataset?> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var dataset in value)
        {
            if (dataset is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, dataset, dataset.GetType(), options);
            }
        }

        writer.WriteEndArray();
    }
}
