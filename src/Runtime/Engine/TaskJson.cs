using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Volara.Runtime.Engine;

/// <summary>
/// The one JSON shape of task configurations (<c>config.json</c>): the task object's public properties in
/// snake_case, plus <c>task_type</c> from its <see cref="BlockwiseTaskAttribute"/>. Derived values
/// (<c>name</c>, <c>layout</c>) are left out; they follow from the fields.
/// </summary>
public static class TaskJson
{
    public const string TaskTypeProperty = "task_type";

    /// <summary>Options every task (de)serialisation uses, in the driver and in workers.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The <c>task_type</c> of a task class, or null when it is not marked serialisable.</summary>
    public static string? TaskTypeOf(Type taskClass) => taskClass.GetCustomAttribute<BlockwiseTaskAttribute>()?.TaskType;

    /// <summary>The configuration of a task marked with <see cref="BlockwiseTaskAttribute"/>; null for other tasks.</summary>
    public static JsonObject? ToConfig(IBlockwiseTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var taskType = TaskTypeOf(task.GetType());
        if (taskType is null)
        {
            return null;
        }

        var node = JsonSerializer.SerializeToNode(task, task.GetType(), Options)?.AsObject()
            ?? throw new InvalidOperationException($"task '{task.Name}' serialised to null");
        node.Remove("name");
        node.Remove("layout");
        var config = new JsonObject { [TaskTypeProperty] = taskType };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            config[key] = value;
        }

        return config;
    }

    /// <summary>Rebuilds a task of a known class from its configuration (the <c>task_type</c> is checked).</summary>
    public static T FromConfig<T>(JsonObject config)
        where T : IBlockwiseTask => (T)FromConfig(config, typeof(T));

    public static IBlockwiseTask FromConfig(JsonObject config, Type taskClass)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(taskClass);
        var expected = TaskTypeOf(taskClass) ?? throw new ArgumentException($"{taskClass.Name} has no [BlockwiseTask] attribute", nameof(taskClass));
        var actual = config[TaskTypeProperty]?.GetValue<string>();
        if (actual != expected)
        {
            throw new JsonException($"configuration has task_type '{actual}', but {taskClass.Name} expects '{expected}'");
        }

        return (IBlockwiseTask)(config.Deserialize(taskClass, Options)
            ?? throw new JsonException($"configuration of task type '{expected}' is null"));
    }

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
