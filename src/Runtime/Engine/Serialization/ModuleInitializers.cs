using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Volara.Runtime.Engine.Serialization;

/// <summary>
/// Runs the module initializers of the entry assembly, its deployed references and every loaded assembly that can see
/// the runtime, so that what they register (task descriptors) is known before anything in them has been used. A native
/// AOT program runs every module initializer at start, so there this does nothing.
/// </summary>
internal static class ModuleInitializers
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Assembly references are only walked with a JIT; a native AOT program has run every module initializer already.")]
    public static void RunReferenced()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return;
        }

        var runtime = typeof(ModuleInitializers).Assembly;
        foreach (var assembly in Candidates())
        {
            if (!assembly.IsDynamic && (assembly == runtime || assembly.GetReferencedAssemblies().Any(r => r.Name == runtime.GetName().Name)))
            {
                RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            }
        }
    }

    [RequiresUnreferencedCode("Walks assembly references.")]
    private static IEnumerable<Assembly> Candidates()
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
