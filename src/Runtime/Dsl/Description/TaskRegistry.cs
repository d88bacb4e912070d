using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Serialization;

namespace Volara.Runtime.Dsl.Description;

/// <summary>
/// Maps <c>task_type</c> names to task descriptors and rebuilds tasks from their configuration. With discovery on, the
/// descriptors every loaded task assembly registered (<see cref="TaskCatalog"/>) are known; on a miss, the entry
/// assembly's references are loaded and initialised first, so tasks defined in a user's library work in its worker
/// processes. Descriptors can also be registered explicitly.
/// </summary>
public sealed class TaskRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskDescriptor> _descriptors = new(StringComparer.Ordinal);
    private readonly bool _discover;
    private bool _loadedReferences;

    /// <summary>Creates a registry; with <paramref name="discover"/> it knows every task class loaded into the process.</summary>
    public TaskRegistry(bool discover = true) => _discover = discover;

    /// <summary>The process-wide registry workers use.</summary>
    public static TaskRegistry Default { get; } = new();

    /// <summary>Registers a task class by its descriptor.</summary>
    public void Register(TaskDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (_gate)
        {
            if (_descriptors.TryGetValue(descriptor.TaskType, out var existing))
            {
                TaskCatalog.RequireOneClass(existing, descriptor);
            }

            _descriptors[descriptor.TaskType] = descriptor;
        }
    }

    /// <summary>Registers a task class by its descriptor.</summary>
    public void Register<TTask>()
        where TTask : IDescribedTask => Register(TTask.Descriptor);

    /// <summary>Registers every task class of an assembly (one loaded from a file, e.g. a plugin).</summary>
    public void RegisterAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        foreach (var descriptor in TaskCatalog.All)
        {
            if (descriptor.TaskClass.Assembly == assembly)
            {
                Register(descriptor);
            }
        }
    }

    /// <summary>The task types known so far.</summary>
    public IReadOnlyList<string> KnownTaskTypes
    {
        get
        {
            var names = Known().Select(descriptor => descriptor.TaskType).ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>The descriptors known so far, ordered by task type.</summary>
    public IReadOnlyList<TaskDescriptor> Descriptors => [.. Known().OrderBy(descriptor => descriptor.TaskType, StringComparer.Ordinal)];

    /// <summary>The descriptor of a task type; unknown names fail with the list of known ones.</summary>
    public TaskDescriptor Resolve(string taskType)
    {
        if (Find(taskType) is { } known)
        {
            return known;
        }

        if (_discover)
        {
            LoadEntryReferences();
            if (Find(taskType) is { } loaded)
            {
                return loaded;
            }
        }

        throw new UnknownTaskTypeException(taskType, KnownTaskTypes);
    }

    /// <summary>Rebuilds a task from its configuration (the <c>task_type</c> field selects the class).</summary>
    public IBlockwiseTask Create(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config[TaskJson.TaskTypeProperty] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var taskType))
        {
            throw new InvalidDataException($"task configuration has no string field '{TaskJson.TaskTypeProperty}'");
        }

        var descriptor = Resolve(taskType);
        try
        {
            return descriptor.FromConfig(config);
        }
        catch (JsonException error)
        {
            var where = error.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            throw new InvalidDataException($"task configuration of type '{taskType}' ({descriptor.TaskClass.Name}) is invalid{where}: {error.Message}", error);
        }
    }

    /// <summary>Rebuilds a task from a configuration file.</summary>
    public IBlockwiseTask Load(string configFile)
    {
        try
        {
            return Create(ReadConfigFile(configFile));
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"{configFile}: {error.Message}", error);
        }
        catch (UnknownTaskTypeException error)
        {
            throw new InvalidDataException($"{configFile}: {error.Message}", error);
        }
    }

    private TaskDescriptor? Find(string taskType)
    {
        lock (_gate)
        {
            if (_descriptors.TryGetValue(taskType, out var registered))
            {
                return registered;
            }
        }

        return _discover ? TaskCatalog.Find(taskType) : null;
    }

    private List<TaskDescriptor> Known()
    {
        var known = new Dictionary<string, TaskDescriptor>(StringComparer.Ordinal);
        if (_discover)
        {
            LoadEntryReferences();
            foreach (var descriptor in TaskCatalog.All)
            {
                known[descriptor.TaskType] = descriptor;
            }
        }

        lock (_gate)
        {
            foreach (var (taskType, descriptor) in _descriptors)
            {
                known[taskType] = descriptor;
            }
        }

        return [.. known.Values];
    }

    // A worker process is the user's program: the assembly defining a task may be referenced but not yet in use, so its
    // module initializer (which registers the task) has not run.
    private void LoadEntryReferences()
    {
        lock (_gate)
        {
            if (_loadedReferences)
            {
                return;
            }

            _loadedReferences = true;
        }

        ModuleInitializers.RunReferenced();
    }

    private static JsonObject ReadConfigFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"task configuration file {path} does not exist", path);
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException("it does not hold a JSON object");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"it is not valid JSON: {error.Message}", error);
        }
    }
}
