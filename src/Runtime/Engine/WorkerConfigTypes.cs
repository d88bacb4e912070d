using System.Reflection;

namespace Volara.Runtime.Engine;

/// <summary>
/// The <see cref="WorkerConfig"/> classes a configuration can name by <c>worker_type</c>. The assembly that defines a
/// kind registers it when it loads (the worker-process layer registers <c>local</c>, <c>slurm</c> and <c>lsf</c> from a
/// module initializer); no assembly is searched.
/// </summary>
public static class WorkerConfigTypes
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Type> Kinds = new(StringComparer.Ordinal);

    /// <summary>The <c>worker_type</c> of a configuration class: its <see cref="WorkerTypeAttribute"/>.</summary>
    public static string NameOf(Type configClass) =>
        configClass.GetCustomAttribute<WorkerTypeAttribute>()?.Name
        ?? throw new InvalidOperationException($"{configClass.FullName} has no [WorkerType] attribute");

    /// <summary>Makes a configuration class known under its <see cref="WorkerTypeAttribute"/> name.</summary>
    public static void Register(Type configClass)
    {
        ArgumentNullException.ThrowIfNull(configClass);
        if (!typeof(WorkerConfig).IsAssignableFrom(configClass) || configClass.IsAbstract)
        {
            throw new ArgumentException($"{configClass.FullName} is not a concrete WorkerConfig", nameof(configClass));
        }

        lock (Gate)
        {
            Kinds[NameOf(configClass)] = configClass;
        }
    }

    /// <summary>The class of a <c>worker_type</c>; throws naming the known ones when there is none.</summary>
    public static Type Resolve(string name)
    {
        lock (Gate)
        {
            if (Kinds.TryGetValue(name, out var known))
            {
                return known;
            }
        }

        // The assembly defining the kind may be referenced but not yet in use, so its module initializer has not run.
        Serialization.ModuleInitializers.RunReferenced();
        lock (Gate)
        {
            if (Kinds.TryGetValue(name, out var known))
            {
                return known;
            }

            var names = string.Join(", ", Kinds.Keys.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
            throw new System.Text.Json.JsonException(
                $"unknown worker_type '{name}' (known: {(names.Length == 0 ? "none; reference Volara.Workers" : names)})");
        }
    }
}
