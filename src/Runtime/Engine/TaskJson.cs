using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Volara.Runtime.Serialization;

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

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only called where dynamic code is supported (a JIT): native AOT programs use the compile-time metadata alone.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only called where dynamic code is supported.")]
    private static IJsonTypeInfoResolver Reflection() => new DefaultJsonTypeInfoResolver();

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
        options.Converters.Add(new SecondsJsonConverter());
        options.Converters.Add(new DatasetJsonConverterFactory());

        // Task classes bring their own generated contracts (TaskDescriptor), and so do the configuration values marked
        // [JsonContract]; other values are read by reflection. Without a JIT (native AOT) there is no reflection
        // resolver, and a value without a generated contract fails loudly rather than being read wrong.
        options.TypeInfoResolver = RuntimeFeature.IsDynamicCodeSupported
            ? JsonTypeInfoResolver.Combine(JsonContracts.Resolver, Reflection())
            : JsonTypeInfoResolver.Combine(JsonContracts.Resolver, ValueJsonContext.Default);
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        }

        options.MakeReadOnly();
        return options;
    }
}
