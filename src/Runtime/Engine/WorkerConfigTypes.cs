using System.Reflection;

namespace Volara.Runtime.Engine;

/// <summary>
/// Finds the <see cref="WorkerConfig"/> classes by their <see cref="WorkerTypeAttribute"/> in the loaded assemblies
/// and the entry assembly's references, so a configuration file can name a kind defined outside the core runtime.
/// </summary>
public static class WorkerConfigTypes
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Type> Types = new(StringComparer.Ordinal);
    private static readonly HashSet<Assembly> Scanned = [];

    /// <summary>The <c>worker_type</c> of a configuration class.</summary>
    public static string NameOf(Type configClass) =>
        configClass.GetCustomAttribute<WorkerTypeAttribute>()?.Name
        ?? throw new InvalidOperationException($"{configClass.FullName} has no [WorkerType] attribute");

    /// <summary>Makes a configuration class known explicitly (e.g. one defined in a plug-in loaded later).</summary>
    public static void Register(Type configClass)
    {
        ArgumentNullException.ThrowIfNull(configClass);
        if (!typeof(WorkerConfig).IsAssignableFrom(configClass) || configClass.IsAbstract)
        {
            throw new ArgumentException($"{configClass.FullName} is not a concrete WorkerConfig", nameof(configClass));
        }

        lock (Gate)
        {
            Types[NameOf(configClass)] = configClass;
        }
    }

    /// <summary>The class of a <c>worker_type</c>; throws naming the known ones when there is none.</summary>
    public static Type Resolve(string name)
    {
        lock (Gate)
        {
            if (Types.TryGetValue(name, out var known))
            {
                return known;
            }

            ScanAll();
            if (Types.TryGetValue(name, out known))
            {
                return known;
            }

            var names = string.Join(", ", Types.Keys.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
            throw new System.Text.Json.JsonException(
                $"unknown worker_type '{name}' (known: {(names.Length == 0 ? "none; reference Volara.Workers" : names)})");
        }
    }

    private static void ScanAll()
    {
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            Scan(entry);
            foreach (var reference in entry.GetReferencedAssemblies())
            {
                try
                {
                    Scan(Assembly.Load(reference));
                }
                catch (Exception error) when (error is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // A reference that is not deployed cannot hold a configuration class in use.
                }
            }
        }

        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            Scan(loaded);
        }
    }

    private static void Scan(Assembly assembly)
    {
        if (!Scanned.Add(assembly) || assembly.IsDynamic || !ReferencesRuntime(assembly))
        {
            return;
        }

        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            types = partial.Types;
        }

        foreach (var type in types)
        {
            if (type is { IsAbstract: false } && typeof(WorkerConfig).IsAssignableFrom(type)
                && type.GetCustomAttribute<WorkerTypeAttribute>() is { } marker)
            {
                Types.TryAdd(marker.Name, type);
            }
        }
    }

    private static bool ReferencesRuntime(Assembly assembly)
    {
        var runtime = typeof(WorkerConfig).Assembly;
        if (assembly == runtime)
        {
            return true;
        }

        var runtimeName = runtime.GetName().Name;
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            if (reference.Name == runtimeName)
            {
                return true;
            }
        }

        return false;
    }
}
