using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Pipelines;
using Volara.Runtime.Dsl.Description;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Reads a pipeline file (JSON or YAML) and validates all of it before anything runs; every problem is reported
/// at once, each with its JSON pointer, line and column. Three shapes are accepted: one task configuration
/// (an object with <c>task_type</c>), a list of them (run in order), or a pipeline document:
/// <code>
/// log_dir: volara_logs            # optional
/// execution: {num_workers: 2}     # optional, for tasks that set none
/// datasets: {raw: {dataset_type: raw, store: data.zarr/raw}}
/// databases: {graph: {db_type: sqlite, path: graph.db}}
/// tasks:
///   mask: {task_type: threshold, in_data: $raw, ...}   # "$name" stands for an entry of datasets/databases
/// pipeline: mask + (a | b)        # optional; default: the tasks in order
/// </code>
/// </summary>
public sealed class PipelineFile
{
    public static readonly string[] DocumentFields = ["$schema", "log_dir", "execution", "datasets", "databases", "tasks", "pipeline"];

    private readonly LocatedDocument document;
    private readonly TaskRegistry registry;
    private readonly List<ConfigProblem> problems = [];
    private readonly Dictionary<string, (JsonNode Value, string Section)> references = new(StringComparer.Ordinal);

    private PipelineFile(LocatedDocument document, TaskRegistry registry)
    {
        this.document = document;
        this.registry = registry;
    }

    /// <summary>Loads and validates; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static PipelineDefinition Load(string file, TaskRegistry? registry = null) => Build(LocatedDocument.Load(file), registry);

    /// <summary>The validated pipeline of a document already read; relative paths in it are taken from the current directory.</summary>
    public static PipelineDefinition Build(LocatedDocument document, TaskRegistry? registry = null)
    {
        // The checks open each input once per task and check; reading nothing but writing nothing either, they can
        // share what was read.
        using var snapshot = MetadataSnapshot.Begin();
        return new PipelineFile(document, registry ?? TaskRegistry.Default).Build();
    }

    private PipelineDefinition Build()
    {
        var (entries, expression, logDirectory) = ReadShape();
        var candidates = entries.Select(entry => Prepare(entry.Id, entry.Pointer, entry.Config)).OfType<TaskCandidate>().ToList();

        // Making each task from its own (resolved, unshared) configuration is most of reading a file of thousands of
        // tasks, and independent of the others; the outcomes are then taken in file order.
        var outcomes = new (IBlockwiseTask? Task, Exception? Error)[candidates.Count];
        Parallel.For(0, candidates.Count, i => outcomes[i] = TryCreate(candidates[i].Config));
        var tasks = new List<PipelineTask>();
        for (int i = 0; i < candidates.Count; i++)
        {
            if (Finish(candidates[i], outcomes[i]) is { } task)
            {
                tasks.Add(task);
            }
        }

        foreach (var task in tasks)
        {
            // A field path such as execution/num_workers names a value inside a field.
            TaskRules.Check(task.Id, task.Task, task.Descriptor, task.Ports, (field, message) =>
                Report(field.Split('/').Aggregate(task.Pointer, LocatedDocument.Child), $"task '{task.Id}': {message}"));
        }

        if (problems.Count == 0)
        {
            tasks.ForEach(CheckAgainstExistingInputs);
        }

        DataflowRules.Check(tasks, Report);
        CheckExpressionNames(entries, tasks, expression);
        Pipeline? pipeline = null;
        if (problems.Count == 0 && tasks.Count > 0)
        {
            pipeline = Compose(tasks, expression);
        }

        if (problems.Count > 0 || pipeline is null)
        {
            if (problems.Count == 0)
            {
                Report("", "the file names no tasks");
            }

            throw new ConfigurationException([.. problems.OrderBy(p => p.Location.Line).ThenBy(p => p.Location.Column)]);
        }

        return new PipelineDefinition(document.File, pipeline, tasks, logDirectory);
    }

    private (List<(string Id, string Pointer, JsonObject Config)> Entries, string? Expression, string? LogDirectory) ReadShape()
    {
        var entries = new List<(string, string, JsonObject)>();
        switch (document.Root)
        {
            case JsonObject single when single.ContainsKey(TaskJson.TaskTypeProperty):
                entries.Add((string.Empty, "", single));
                CheckNestedFields(entries);
                return (entries, null, null);
            case JsonArray list:
                ReadTaskList(list, "", entries);
                CheckNestedFields(entries);
                return (entries, null, null);
            case JsonObject root:
                return ReadDocument(root, entries);
            default:
                Report("", "expected a task configuration (with task_type), a list of them, or a pipeline document with 'tasks'");
                return (entries, null, null);
        }
    }

    private (List<(string, string, JsonObject)>, string?, string?) ReadDocument(JsonObject root, List<(string, string, JsonObject)> entries)
    {
        foreach (var (key, _) in root)
        {
            if (!DocumentFields.Contains(key))
            {
                Report(LocatedDocument.Child("", key), $"unknown field '{key}' (expected one of {string.Join(", ", DocumentFields)})");
            }
        }

        ReadReferences(root, "datasets");
        ReadReferences(root, "databases");
        string? logDirectory = ReadString(root, "log_dir");
        string? expression = ReadString(root, "pipeline");
        switch (root["tasks"])
        {
            case JsonArray list:
                ReadTaskList(list, "/tasks", entries);
                break;
            case JsonObject map:
                foreach (var (id, node) in map)
                {
                    string pointer = LocatedDocument.Child("/tasks", id);
                    if (node is JsonObject config)
                    {
                        entries.Add((id, pointer, config));
                    }
                    else
                    {
                        Report(pointer, $"task '{id}' must be an object with task_type");
                    }
                }

                break;
            case null:
                Report("", "a pipeline document needs 'tasks'");
                break;
            default:
                Report("/tasks", "'tasks' must be an object (name: configuration) or a list of configurations");
                break;
        }

        // Before the document's execution options are copied into the tasks, so each problem is reported once, where it is.
        CheckNestedFields(entries);
        if (root["datasets"] is JsonObject datasets)
        {
            foreach (var (name, value) in datasets)
            {
                if (value is JsonObject dataset)
                {
                    string at = LocatedDocument.Child("/datasets", name);
                    NestedFieldRules.CheckDataset(dataset, (key, message) => Report(LocatedDocument.Child(at, key), $"datasets entry '{name}': {message}"));
                }
            }
        }

        if (root["execution"] is { } execution)
        {
            if (execution is not JsonObject documentExecution)
            {
                Report("/execution", "'execution' must be an object such as {\"num_workers\": 2}");
            }
            else
            {
                NestedFieldRules.CheckExecution(documentExecution, (key, message) => Report(LocatedDocument.Child("/execution", key), $"execution: {message}"));
                foreach (var (_, _, config) in entries)
                {
                    config.TryAdd("execution", execution.DeepClone());
                }
            }
        }

        return (entries, expression, logDirectory);
    }

    private void ReadTaskList(JsonArray list, string pointer, List<(string, string, JsonObject)> entries)
    {
        for (int i = 0; i < list.Count; i++)
        {
            string item = LocatedDocument.Child(pointer, i);
            if (list[i] is JsonObject config)
            {
                entries.Add((string.Empty, item, config));
            }
            else
            {
                Report(item, $"entry {i} is not a task configuration object");
            }
        }
    }

    private void ReadReferences(JsonObject root, string section)
    {
        switch (root[section])
        {
            case null:
                return;
            case JsonObject map:
                foreach (var (name, value) in map)
                {
                    if (value is JsonObject && !references.TryAdd(name, (value, section)))
                    {
                        Report(LocatedDocument.Child($"/{section}", name), $"'{name}' is defined in both {references[name].Section} and {section}");
                    }
                    else if (value is not JsonObject)
                    {
                        Report(LocatedDocument.Child($"/{section}", name), $"{section} entry '{name}' must be an object");
                    }
                }

                return;
            default:
                Report($"/{section}", $"'{section}' must be an object (name: description)");
                return;
        }
    }

    private string? ReadString(JsonObject root, string field)
    {
        if (root[field] is null)
        {
            return null;
        }

        if (root[field] is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        Report($"/{field}", $"'{field}' must be a string");
        return null;
    }

    /// <summary>A task entry whose fields passed the checks that need no task object.</summary>
    private sealed record TaskCandidate(string Id, string Pointer, JsonObject Config, TaskDescriptor Descriptor, string What);

    private TaskCandidate? Prepare(string id, string pointer, JsonObject config)
    {
        int before = problems.Count;
        var resolved = (JsonObject)Resolve(config, pointer)!;
        if (problems.Count > before)
        {
            return null;
        }

        TaskDescriptor descriptor;
        try
        {
            descriptor = resolved[TaskJson.TaskTypeProperty] is JsonValue type && type.TryGetValue<string>(out var taskType)
                ? registry.Resolve(taskType)
                : throw new InvalidDataException($"a task needs a string field '{TaskJson.TaskTypeProperty}' (one of {string.Join(", ", registry.KnownTaskTypes)})");
        }
        catch (UnknownTaskTypeException error)
        {
            Report(LocatedDocument.Child(pointer, TaskJson.TaskTypeProperty), error.Message);
            return null;
        }
        catch (InvalidDataException error)
        {
            Report(resolved.ContainsKey(TaskJson.TaskTypeProperty) ? LocatedDocument.Child(pointer, TaskJson.TaskTypeProperty) : pointer, error.Message);
            return null;
        }

        string what = id.Length > 0 ? $"task '{id}'" : pointer.Length > 0 ? $"task {pointer[(pointer.LastIndexOf('/') + 1)..]}" : "the task";
        var fields = descriptor.Fields.Select(f => f.Name).ToList();
        foreach (var (key, _) in resolved)
        {
            if (key != TaskJson.TaskTypeProperty && !fields.Contains(key))
            {
                string hint = DidYouMean.Closest(key, fields) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;
                Report(LocatedDocument.Child(pointer, key), $"{what}: unknown field '{key}'{hint} (the fields of {descriptor.TaskType} are {string.Join(", ", fields)})");
            }
        }

        if (descriptor.Fields.Where(f => f.Required && !resolved.ContainsKey(f.Name)).Select(f => f.Name).ToList() is { Count: > 0 } missing)
        {
            Report(pointer, $"{what} needs {(missing.Count == 1 ? "the field" : "the fields")} {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        }

        return problems.Count > before ? null : new TaskCandidate(id, pointer, resolved, descriptor, what);
    }

    private (IBlockwiseTask? Task, Exception? Error) TryCreate(JsonObject config)
    {
        try
        {
            return (registry.Create(config), null);
        }
        catch (Exception error) when (error is InvalidDataException or ArgumentException or FormatException or InvalidOperationException)
        {
            return (null, error);
        }
    }

    private PipelineTask? Finish(TaskCandidate candidate, (IBlockwiseTask? Task, Exception? Error) outcome)
    {
        var (id, pointer, resolved, descriptor, what) = candidate;
        switch (outcome)
        {
            case ({ } task, _):
                return new PipelineTask(id.Length > 0 ? id : task.Name, pointer, resolved, task, descriptor);
            case (_, InvalidDataException error):
                var json = error.InnerException as JsonException;
                string where = json?.Path is { Length: > 1 } path ? PointerOf(path) : "";
                Report(pointer + where, $"{what}: {Describe(descriptor, resolved, where, error, json)}");
                return null;
            default:
                Report(pointer, $"{what}: {outcome.Error!.Message}");
                return null;
        }
    }

    // For a field of the task itself the expected kind of value is known; deeper, the serializer's words are all there is.
    private static string Describe(TaskDescriptor descriptor, JsonObject config, string where, InvalidDataException error, JsonException? json)
    {
        string field = where.TrimStart('/');
        if (field.Length > 0 && !field.Contains('/') && descriptor.Field(field) is { } described)
        {
            return $"{field} must be {TaskFields.Describe(described.Type)}, not {config[field]?.ToJsonString() ?? "null"}";
        }

        string message = json?.InnerException?.Message ?? json?.Message ?? error.Message;
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    /// <summary>Replaces <c>"$name"</c> strings by a copy of the datasets/databases entry of that name.</summary>
    private JsonNode? Resolve(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Resolve(value, LocatedDocument.Child(pointer, key));
                }

                return copy;
            case JsonArray array:
                var list = new JsonArray();
                for (int i = 0; i < array.Count; i++)
                {
                    list.Add(Resolve(array[i], LocatedDocument.Child(pointer, i)));
                }

                return list;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.StartsWith('$'):
                if (references.TryGetValue(text[1..], out var target))
                {
                    return target.Value.DeepClone();
                }

                Report(pointer, $"'{text}' names no entry of datasets or databases ({(references.Count == 0 ? "there are none" : string.Join(", ", references.Keys.Select(k => "$" + k)))})");
                return null;
            default:
                return node?.DeepClone();
        }
    }

    private void CheckExpressionNames(List<(string Id, string Pointer, JsonObject Config)> entries, List<PipelineTask> tasks, string? expression)
    {
        if (expression is null)
        {
            return;
        }

        var idsByPointer = tasks.ToDictionary(t => t.Pointer, t => t.Id, StringComparer.Ordinal);
        var ids = entries.Select(e => e.Id.Length > 0 ? e.Id : idsByPointer.GetValueOrDefault(e.Pointer)).OfType<string>().ToList();
        var known = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var name in PipelineExpression.NamesIn(expression).Distinct().Where(n => !known.Contains(n)))
        {
            Report("/pipeline", $"no task named '{name}' (the tasks are {string.Join(", ", ids.Select(i => $"'{i}'"))})");
        }
    }

    private Pipeline? Compose(List<PipelineTask> tasks, string? expression)
    {
        try
        {
            if (expression is null)
            {
                return Pipeline.Sequence(tasks.Select(task => Pipeline.Of(task.Task)));
            }

            var byId = new Dictionary<string, IBlockwiseTask>(StringComparer.Ordinal);
            foreach (var task in tasks)
            {
                byId[task.Id] = task.Task;
            }

            var composed = PipelineExpression.Build(expression, byId);
            var included = new HashSet<IBlockwiseTask>(composed.Tasks, ReferenceEqualityComparer.Instance);
            foreach (var task in tasks.Where(t => !included.Contains(t.Task)))
            {
                Report(task.Pointer, $"task '{task.Id}' is not part of the pipeline expression '{expression}'");
            }

            return composed;
        }
        catch (Exception error) when (error is PipelineException or FormatException)
        {
            Report(expression is null ? "/tasks" : "/pipeline", error.Message);
            return null;
        }
    }

    /// <summary>
    /// The task's own checks — parameters against the stored neighbourhood, the geometry over the inputs' metadata — run
    /// here when its inputs exist already, so a mistake is reported with the file's line before anything is created.
    /// Tasks whose inputs an upstream task writes are checked when they start.
    /// </summary>
    private void CheckAgainstExistingInputs(PipelineTask task)
    {
        if (!task.Ports.Where(port => !port.IsOutput).All(port => port.Exists))
        {
            return;
        }

        try
        {
            _ = task.Task.Layout;
        }
        catch (TaskFieldException error)
        {
            Report(LocatedDocument.Child(task.Pointer, error.Field), $"task '{task.Id}': {error.Problem}");
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            Report(task.Pointer, $"task '{task.Id}': {ErrorLine.Describe(error)}");
        }
    }

    /// <summary>Unknown fields inside the tasks' own dataset descriptions and execution options.</summary>
    private void CheckNestedFields(List<(string Id, string Pointer, JsonObject Config)> entries)
    {
        foreach (var (id, pointer, config) in entries)
        {
            string what = id.Length > 0 ? $"task '{id}'" : "the task";
            foreach (var (field, value) in config)
            {
                if (value is not JsonObject nested)
                {
                    continue;
                }

                string at = LocatedDocument.Child(pointer, field);
                Action<string, string> report = (key, message) => Report(LocatedDocument.Child(at, key), $"{what}: {field}: {message}");
                if (field == "execution")
                {
                    NestedFieldRules.CheckExecution(nested, report);
                }
                else
                {
                    NestedFieldRules.CheckDataset(nested, report);
                }
            }
        }
    }

    private void Report(string pointer, string message) =>
        problems.Add(new ConfigProblem(document.File, pointer, document.Locate(pointer), message));

    /// <summary>A System.Text.Json path (<c>$.a.b[2]</c>, <c>$['a']</c>) as a JSON pointer (<c>/a/b/2</c>).</summary>
    public static string PointerOf(string jsonPath)
    {
        var pointer = new System.Text.StringBuilder();
        int i = jsonPath.StartsWith('$') ? 1 : 0;
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                int end = i + 1;
                while (end < jsonPath.Length && jsonPath[end] is not ('.' or '['))
                {
                    end++;
                }

                pointer.Append('/').Append(jsonPath[(i + 1)..end]);
                i = end;
            }
            else if (jsonPath[i] == '[')
            {
                int end = jsonPath.IndexOf(']', i);
                end = end < 0 ? jsonPath.Length : end;
                pointer.Append('/').Append(jsonPath[(i + 1)..end].Trim('\''));
                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        return pointer.ToString();
    }
}
