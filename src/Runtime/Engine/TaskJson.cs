using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Volara.Runtime.Engine;

/// <summary>
/// The JSON settings of task configurations (<c>config.json</c>): snake_case names, seconds for durations, datasets by
/// their <c>dataset_type</c>. Each task class's own contract comes from its generated descriptor; these options
/// resolve the values of its fields.
/// </summary>
public static class TaskJson
{
    public const string TaskTypeProperty = "task_type";

    /// <summary>Options every task (de)serialisation uses, in the driver and in workers.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Pretty JSON text of a configuration.</summary>
    public static string Format(JsonObject config) => config.ToJsonString(Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new SecondsJsonConverter());
        options.Converters.Add(new DatasetJsonConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
