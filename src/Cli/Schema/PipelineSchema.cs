using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Cli.Pipelines;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Serialization;

namespace Volara.Cli.Schema;

/// <summary>
/// The JSON Schema (draft 2020-12) of pipeline files, generated from the registered task classes so that every task
/// type — built in or from a plugin — gets its fields, required ones and value types. Editors use it to complete
/// and check <c>.json</c> and <c>.yaml</c> pipeline files.
/// </summary>
public static class PipelineSchema
{
    public static JsonObject Create(TaskRegistry registry)
    {
        var defs = new JsonObject();
        var taskRefs = new JsonArray();
        foreach (string taskType in registry.KnownTaskTypes)
        {
            var taskClass = registry.Resolve(taskType);
            defs[$"task.{taskType}"] = TaskSchema(taskType, taskClass);
            taskRefs.Add(TypeSchema.Ref($"task.{taskType}"));
        }

        defs["task"] = new JsonObject { ["oneOf"] = taskRefs };
        defs["document"] = Document();
        defs["dataset"] = DatasetSchema();
        defs["reference"] = new JsonObject
        {
            ["type"] = "string",
            ["pattern"] = "^\\$[A-Za-z0-9_.-]+$",
            ["description"] = "\"$name\": the entry of that name in the file's datasets or databases.",
        };
        defs["coordinate"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = new JsonArray("integer", "null") } };
        defs["roi"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["offset"] = TypeSchema.Ref("coordinate"), ["shape"] = TypeSchema.Ref("coordinate") },
            ["required"] = new JsonArray("offset", "shape"),
        };
        defs["execution"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = TypeSchema.Properties(TaskFields.Of(typeof(ExecutionOptions))),
            ["additionalProperties"] = false,
        };

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "volara pipeline",
            ["description"] = "A task configuration, a list of them run in order, or a pipeline document with datasets, databases, tasks and their composition.",
            ["anyOf"] = new JsonArray(TypeSchema.Ref("document"), TypeSchema.Ref("task"), new JsonObject { ["type"] = "array", ["items"] = TypeSchema.Ref("task") }),
            ["$defs"] = defs,
        };
    }

    private static JsonObject TaskSchema(string taskType, Type taskClass)
    {
        var fields = TaskFields.Of(taskClass);
        var properties = new JsonObject { [TaskJson.TaskTypeProperty] = new JsonObject { ["const"] = taskType } };
        foreach (var (field, schema) in TypeSchema.Properties(fields).ToList())
        {
            properties[field] = schema?.DeepClone();
        }

        var required = new JsonArray(TaskJson.TaskTypeProperty);
        foreach (var (field, property) in fields)
        {
            if (property.GetCustomAttribute<RequiredMemberAttribute>() is not null)
            {
                required.Add(field);
            }
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject Document() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["log_dir"] = new JsonObject { ["type"] = "string", ["description"] = "Done-stores and worker logs go below it (default volara_logs)." },
            ["execution"] = new JsonObject { ["$ref"] = "#/$defs/execution", ["description"] = "Execution options of tasks that set none." },
            ["datasets"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeSchema.Ref("dataset") },
            ["databases"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "object" } },
            ["tasks"] = new JsonObject
            {
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeSchema.Ref("task") },
                    new JsonObject { ["type"] = "array", ["items"] = TypeSchema.Ref("task") }),
            },
            ["pipeline"] = new JsonObject { ["type"] = "string", ["description"] = "Task names joined with + (run after) and | (run independently), with parentheses; default: the tasks in order." },
        },
        ["required"] = new JsonArray("tasks"),
        ["additionalProperties"] = false,
    };

    private static JsonObject DatasetSchema()
    {
        var kinds = typeof(Dataset).GetCustomAttributes<JsonDerivedTypeAttribute>().ToList();
        var properties = new JsonObject { ["dataset_type"] = new JsonObject { ["enum"] = new JsonArray([.. kinds.Select(k => (JsonNode)(string)k.TypeDiscriminator!)]) } };
        foreach (var kind in kinds)
        {
            foreach (var (field, schema) in TypeSchema.Properties(TaskFields.Of(kind.DerivedType)).ToList())
            {
                if (!properties.ContainsKey(field))
                {
                    properties[field] = schema?.DeepClone();
                }
            }
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray("store") };
    }
}
