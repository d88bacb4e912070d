using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Volara.Runtime.Engine;

/// <summary>
/// A <see cref="WorkerConfig"/> as one JSON object: <c>worker_type</c> first, then the fields of its class
/// (e.g. <c>{"worker_type": "slurm", "queue": "gpu", "num_cpus": 4}</c>).
/// </summary>
public sealed class WorkerConfigJsonConverter : JsonConverter<WorkerConfig>
{
    public const string TypeProperty = "worker_type";

    public override WorkerConfig? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject node)
        {
            throw new JsonException("a worker_config must be a JSON object with a worker_type");
        }

        var name = node[TypeProperty] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new JsonException($"a worker_config needs a string '{TypeProperty}'");
        var type = WorkerConfigTypes.Resolve(name);
        node.Remove(TypeProperty);
        return (WorkerConfig?)node.Deserialize(options.GetTypeInfo(type))
            ?? throw new JsonException($"worker_config '{name}' is null");
    }

    public override void Write(Utf8JsonWriter writer, WorkerConfig value, JsonSerializerOptions options)
    {
        var fields = JsonSerializer.SerializeToNode(value, options.GetTypeInfo(value.GetType())) as JsonObject ?? [];
        var node = new JsonObject { [TypeProperty] = value.WorkerType };
        foreach (var (key, field) in fields.ToList())
        {
            fields.Remove(key);
            if (key != TypeProperty)
            {
                node[key] = field;
            }
        }

        node.WriteTo(writer, options);
    }
}
