using System.Reflection;

namespace Volara.Runtime.Engine.Serialization;

/// <summary>
/// The assemblies and types that classes marked for discovery (tasks, worker configurations) can come from: the entry
/// assembly, its deployed references and everything already loaded — skipping assemblies that cannot see the runtime.
/// </summary>
internal static class RuntimeTypeScan
{
    /// <summary>The entry assembly, its loadable references, then every loaded assembly (duplicates possible).</summary>
    public static IEnumerable<Assembly> CandidateAssemblies()
    {
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            yield return entry;
            foreach (var reference in entry.GetReferencedAssemblies())
            {
                if (TryLoad(reference) is { } referenced)
                {
                    yield return referenced;
                }
            }
        }

        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            yield return loaded;
        }
    }

    // Only assemblies that are, or reference, the runtime can hold its subclasses; skipping the rest keeps scans cheap.
    public static bool MayDefineRuntimeTypes(Assembly assembly)
    {
        if (assembly.IsDynamic)
        {
            return false;
        }

        var runtime = typeof(RuntimeTypeScan).Assembly;
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

    /// <summary>The assembly's types; those that fail to load are null, the rest still count.</summary>
    public static Type?[] LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types;
        }
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (Exception error) when (error is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            // A reference that is not deployed cannot hold a class in use.
            return null;
        }
    }
}
