using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Engine.Serialization;

/// <summary>
/// The one JSON form of task configurations (<c>config.json</c>): snake_case fields, enums as snake_case
/// strings, coordinates as arrays, ROIs as <c>[[offset], [shape]]</c>, and the <c>task_type</c> field that
/// names the <see cref="BlockwiseTaskAttribute"/> of the class.
/// </summary>
public static class TaskJson
{
    /// <summary>The field naming the task class in a configuration.</summary>
    public const string TaskTypeField = "task_type";

    /// <summary>Shared serializer options for task configurations.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Serialises a task object (its public properties) into a configuration with <c>task_type</c> first.
    /// A task implements <see cref="IBlockwiseTask.ToConfig"/> with <c>TaskJson.ToConfig(this)</c>.
    /// </summary>
    public static JsonObject ToConfig(IBlockwiseTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var taskType = TaskTypeOf(task.GetType());
        var body = JsonSerializer.SerializeToNode(task, task.GetType(), Options) as JsonObject
            ?? throw new InvalidOperationException($"task '{task.Name}' ({task.GetType().Name}) did not serialise to a JSON object");
        var config = new JsonObject { [TaskTypeField] = taskType };
        foreach (var (field, value) in body.ToArray())
        {
            if (field == TaskTypeField)
            {
                continue;
            }

            body.Remove(field);
            config[field] = value;
        }

        return config;
    }

    /// <summary>The <c>task_type</c> of a class marked with <see cref="BlockwiseTaskAttribute"/>.</summary>
    public static string TaskTypeOf(Type taskClass) =>
        taskClass.GetCustomAttribute<BlockwiseTaskAttribute>()?.TaskType
        ?? throw new InvalidOperationException(
            $"task class {taskClass.FullName} has no [BlockwiseTask(\"...\")] attribute, so workers cannot rebuild it");

    /// <summary>Writes the task's configuration file; fails clearly when the task cannot leave this process.</summary>
    public static void WriteConfigFile(IBlockwiseTask task, string path)
    {
        var config = task.ToConfig()
            ?? throw new InvalidOperationException(
                $"task '{task.Name}' ({task.GetType().Name}) has no configuration (ToConfig() returned null), so it can only run in-process, not in worker processes");
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        // Written beside and renamed so a worker never reads a half-written file.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a configuration file as a JSON object.</summary>
    public static JsonObject ReadConfigFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"task configuration file {path} does not exist", path);
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"task configuration file {path} does not hold a JSON object");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"task configuration file {path} is not valid JSON: {error.Message}", error);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new CoordinateJsonConverter());
        options.Converters.Add(new RoiJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
