using System.Reflection;
using Volara.Runtime.Engine.Serialization;

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
        foreach (var assembly in RuntimeTypeScan.CandidateAssemblies())
        {
            if (!Scanned.Add(assembly) || !RuntimeTypeScan.MayDefineRuntimeTypes(assembly))
            {
                continue;
            }

            foreach (var type in RuntimeTypeScan.LoadableTypes(assembly))
            {
                if (type is { IsAbstract: false } && typeof(WorkerConfig).IsAssignableFrom(type)
                    && type.GetCustomAttribute<WorkerTypeAttribute>() is { } marker)
                {
                    Types.TryAdd(marker.Name, type);
                }
            }
        }
    }
}
