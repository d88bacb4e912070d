using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Cli.Pipelines;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;

namespace Volara.Cli.Schema;

/// <summary>
/// The JSON Schema (draft 2020-12) of pipeline files, generated from the registered task descriptors so that every task
/// type — built in or from a plugin — gets its fields, required ones, value types, defaults and documentation. Editors use it to complete
/// and check <c>.json</c> and <c>.yaml</c> pipeline files.
/// </summary>
public static class PipelineSchema
{
    public static JsonObject Create(TaskRegistry registry)
    {
        var defs = new JsonObject();
        var taskRefs = new JsonArray();
        foreach (var descriptor in registry.Descriptors)
        {
            defs[$"task.{descriptor.TaskType}"] = TaskSchema(descriptor);
            taskRefs.Add(TypeSchema.Ref($"task.{descriptor.TaskType}"));
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

    private static JsonObject TaskSchema(TaskDescriptor descriptor)
    {
        var properties = new JsonObject { [TaskJson.TaskTypeProperty] = new JsonObject { ["const"] = descriptor.TaskType } };
        var required = new JsonArray(TaskJson.TaskTypeProperty);
        foreach (var field in descriptor.Fields)
        {
            properties[field.Name] = TypeSchema.Of(field);
            if (field.Required)
            {
                required.Add(field.Name);
            }
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            // A hand-written task class describes no fields; its configuration is only known to itself.
            ["additionalProperties"] = descriptor.Fields.Count == 0,
        };
        if (descriptor.Summary is { } summary)
        {
            schema["description"] = summary;
        }

        return schema;
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
