using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Engine.Serialization;

/// <summary>
/// Maps <c>task_type</c> names to task classes and rebuilds tasks from their configuration. Classes marked
/// with <see cref="BlockwiseTaskAttribute"/> are found in the loaded assemblies and the entry assembly's
/// references (so tasks defined in a user's program work in its worker processes); classes can also be
/// registered explicitly.
/// </summary>
public sealed class TaskRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly HashSet<Assembly> _scanned = [];
    private readonly bool _discover;

    /// <summary>Creates a registry; with <paramref name="discover"/> it scans assemblies for task classes on a miss.</summary>
    public TaskRegistry(bool discover = true) => _discover = discover;

    /// <summary>The process-wide registry workers use.</summary>
    public static TaskRegistry Default { get; } = new();

    /// <summary>Registers a task class under its <see cref="BlockwiseTaskAttribute"/> name.</summary>
    public void Register(Type taskClass)
    {
        ArgumentNullException.ThrowIfNull(taskClass);
        if (!typeof(IBlockwiseTask).IsAssignableFrom(taskClass) || taskClass.IsAbstract)
        {
            throw new ArgumentException($"{taskClass.FullName} is not a concrete {nameof(IBlockwiseTask)} class", nameof(taskClass));
        }

        var taskType = TaskJson.TaskTypeOf(taskClass)
            ?? throw new ArgumentException($"task class {taskClass.FullName} has no [BlockwiseTask(\"...\")] attribute", nameof(taskClass));
        lock (_gate)
        {
            Add(taskType, taskClass);
        }
    }

    /// <summary>Registers a task class under its <see cref="BlockwiseTaskAttribute"/> name.</summary>
    public void Register<TTask>()
        where TTask : IBlockwiseTask => Register(typeof(TTask));

    /// <summary>Registers every marked task class of an assembly.</summary>
    public void RegisterAssembly(Assembly assembly)
    {
        lock (_gate)
        {
            Scan(assembly);
        }
    }

    /// <summary>The task types known so far (after scanning the loaded assemblies).</summary>
    public IReadOnlyList<string> KnownTaskTypes
    {
        get
        {
            lock (_gate)
            {
                DiscoverAll();
                var names = _types.Keys.ToList();
                names.Sort(StringComparer.Ordinal);
                return names;
            }
        }
    }

    /// <summary>The class registered for a task type; unknown names fail with the list of known ones.</summary>
    public Type Resolve(string taskType)
    {
        lock (_gate)
        {
            if (_types.TryGetValue(taskType, out var known))
            {
                return known;
            }

            DiscoverAll();
            if (_types.TryGetValue(taskType, out known))
            {
                return known;
            }

            var names = _types.Keys.ToList();
            names.Sort(StringComparer.Ordinal);
            throw new UnknownTaskTypeException(taskType, names);
        }
    }

    /// <summary>Rebuilds a task from its configuration (the <c>task_type</c> field selects the class).</summary>
    public IBlockwiseTask Create(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config[TaskJson.TaskTypeProperty] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var taskType))
        {
            throw new InvalidDataException($"task configuration has no string field '{TaskJson.TaskTypeProperty}'");
        }

        var taskClass = Resolve(taskType);
        try
        {
            return (IBlockwiseTask)(config.Deserialize(taskClass, TaskJson.Options)
                ?? throw new InvalidDataException($"task configuration of type '{taskType}' is null"));
        }
        catch (JsonException error)
        {
            var where = error.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            throw new InvalidDataException($"task configuration of type '{taskType}' ({taskClass.Name}) is invalid{where}: {error.Message}", error);
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

    private void DiscoverAll()
    {
        if (!_discover)
        {
            return;
        }

        foreach (var assembly in RuntimeTypeScan.CandidateAssemblies())
        {
            Scan(assembly);
        }
    }

    private void Scan(Assembly assembly)
    {
        if (!_scanned.Add(assembly) || !RuntimeTypeScan.MayDefineRuntimeTypes(assembly))
        {
            return;
        }

        foreach (var type in RuntimeTypeScan.LoadableTypes(assembly))
        {
            if (type is { IsAbstract: false } && type.GetCustomAttribute<BlockwiseTaskAttribute>() is { } marker
                && typeof(IBlockwiseTask).IsAssignableFrom(type))
            {
                Add(marker.TaskType, type);
            }
        }
    }

    private void Add(string taskType, Type taskClass)
    {
        if (_types.TryGetValue(taskType, out var existing) && existing != taskClass)
        {
            throw new InvalidOperationException(
                $"task type '{taskType}' is claimed by both {existing.FullName} and {taskClass.FullName}; task types must be unique");
        }

        _types[taskType] = taskClass;
    }
}
