using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Volara.Runtime.Engine;

namespace Volara.Runtime.Dsl.Description;

/// <summary>
/// Everything known about a task class, written once by the source generator from the class's attributes: its
/// <c>task_type</c>, configuration fields (ports, parameters, geometry), the links between fields, and its JSON
/// contract. Serialisation, registration, the command line's checks and the pipeline schema all read it.
/// </summary>
public sealed class TaskDescriptor
{
    private readonly Func<JsonSerializerOptions, JsonTypeInfo> createTypeInfo;
    private JsonTypeInfo? typeInfo;

    /// <param name="taskType">The <c>task_type</c> configurations carry.</param>
    /// <param name="taskClass">The class it rebuilds.</param>
    /// <param name="fields">The configuration fields, in declaration order.</param>
    /// <param name="createTypeInfo">The class's JSON contract for the given options (generated, no reflection).</param>
    public TaskDescriptor(string taskType, Type taskClass, IReadOnlyList<FieldDescriptor> fields, Func<JsonSerializerOptions, JsonTypeInfo> createTypeInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskType);
        TaskType = taskType;
        TaskClass = taskClass;
        Fields = fields;
        this.createTypeInfo = createTypeInfo;
    }

    /// <summary>
    /// The descriptor of a hand-written task class (one without <c>[VolaraTask]</c>): its JSON contract comes from
    /// <paramref name="contract"/>, normally <see cref="Serialization.JsonContracts.Resolver"/> for a class marked
    /// <c>[JsonContract]</c> (a field a file leaves out then keeps its initial value). It describes no fields, so only
    /// its configuration round trip is known.
    /// </summary>
    public static TaskDescriptor ForContract<TTask>(string taskType, IJsonTypeInfoResolver contract)
        where TTask : IBlockwiseTask =>
        new(taskType, typeof(TTask), [], options => contract.GetTypeInfo(typeof(TTask), options)
            ?? throw new InvalidOperationException($"the JSON contract given for '{taskType}' does not cover {typeof(TTask).Name}"));

    public string TaskType { get; }

    public Type TaskClass { get; }

    /// <summary>The class's documentation summary, when it has one.</summary>
    public string? Summary { get; init; }

    public IReadOnlyList<FieldDescriptor> Fields { get; }

    /// <summary>Fields whose values are checked against another field (per offset, offsets of, edge attributes of).</summary>
    public IReadOnlyList<FieldLink> Links { get; init; } = [];

    /// <summary>The field holding the block size; null for a task without one.</summary>
    public string? BlockSizeField { get; init; }

    /// <summary>The field holding the context; null for a task without one.</summary>
    public string? ContextField { get; init; }

    /// <summary>The field holding the write ROI; null for a task without one.</summary>
    public string? WriteRoiField { get; init; }

    /// <summary>How blocks meet the border of the write ROI.</summary>
    public BlockFit Fit { get; init; } = BlockFit.Shrink;

    /// <summary>volara's <c>read_write_conflict</c>: the task reads what it writes.</summary>
    public bool ReadWriteConflict { get; init; }

    /// <summary>One block covering the whole write ROI.</summary>
    public bool WholeRoi { get; init; }

    /// <summary>
    /// Blocks one worker holds buffers for at once: 1, or <see cref="Engine.Execution.BlockPipeline.Slots"/> for a task
    /// that overlaps reading and writing with Process (<see cref="VolaraTaskAttribute.OverlapIo"/>).
    /// </summary>
    public int BlocksInFlight { get; init; } = 1;

    /// <summary>The datasets the task reads and writes.</summary>
    public IEnumerable<FieldDescriptor> Ports => Fields.Where(static candidate => candidate.Port is not null);

    /// <summary>The field of that configuration name, or null.</summary>
    public FieldDescriptor? Field(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The configuration of a task of this class: <c>task_type</c> first, then its fields.</summary>
    public JsonObject ToConfig(IBlockwiseTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        RequireClass(task.GetType());
        var node = JsonSerializer.SerializeToNode(task, TypeInfo)?.AsObject()
            ?? throw new InvalidOperationException($"task '{task.Name}' serialised to null");
        var config = new JsonObject { [TaskJson.TaskTypeProperty] = TaskType };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            config[key] = value;
        }

        return config;
    }

    /// <summary>Rebuilds a task from its configuration; the <c>task_type</c> must be this one.</summary>
    public IBlockwiseTask FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var actual = config[TaskJson.TaskTypeProperty] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
        if (actual != TaskType)
        {
            throw new JsonException($"configuration has task_type '{actual}', but {TaskClass.Name} expects '{TaskType}'");
        }

        // The contract maps fields only; task_type is the registry's, not the class's. The fields are written out once
        // and read from there: copying them into a node of their own cost more than reading them.
        var fields = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(fields))
        {
            writer.WriteStartObject();
            foreach (var (key, field) in config)
            {
                if (key == TaskJson.TaskTypeProperty)
                {
                    continue;
                }

                if (Fields.Count > 0 && Field(key) is null)
                {
                    throw new JsonException($"unknown field '{key}' (the fields of {TaskType} are {string.Join(", ", Fields.Select(f => f.Name))})");
                }

                writer.WritePropertyName(key);
                if (field is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    field.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return (IBlockwiseTask)(JsonSerializer.Deserialize(fields.WrittenSpan, TypeInfo) ?? throw new JsonException($"configuration of task type '{TaskType}' is null"));
    }

    private JsonTypeInfo TypeInfo => typeInfo ??= CreateTypeInfo();

    private JsonTypeInfo CreateTypeInfo()
    {
        var info = createTypeInfo(TaskJson.Options);
        // A misspelt field would otherwise be dropped and its default used in every block.
        info.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        return info;
    }

    private void RequireClass(Type type)
    {
        if (type != TaskClass)
        {
            throw new ArgumentException($"the descriptor of '{TaskType}' describes {TaskClass.Name}, not {type.Name}");
        }
    }
}
