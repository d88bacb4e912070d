using System.Reflection;
using Volara.Runtime.Dsl.Description;

namespace Volara.Cli.Pipelines;

/// <summary>
/// Loads assemblies with custom task classes (<c>--plugin</c>) into the task registry. The paths are also put into
/// <see cref="EnvironmentVariable"/>, which worker processes inherit and load from before rebuilding tasks.
/// </summary>
public static class Plugins
{
    public const string EnvironmentVariable = "VOLARA_PLUGINS";

    public static void Load(IEnumerable<string> paths, TaskRegistry registry)
    {
        var loaded = new List<string>();
        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new UsageException($"--plugin: no such assembly '{path}'");
            }

            Assembly assembly;
            try
            {
                assembly = Assembly.LoadFrom(full);
            }
            catch (BadImageFormatException)
            {
                throw new UsageException($"--plugin: '{path}' is not a .NET assembly");
            }

            registry.RegisterAssembly(assembly);
            loaded.Add(full);
        }

        if (loaded.Count > 0)
        {
            string? inherited = Environment.GetEnvironmentVariable(EnvironmentVariable);
            var all = string.IsNullOrEmpty(inherited) ? loaded : [.. inherited.Split(Path.PathSeparator), .. loaded];
            Environment.SetEnvironmentVariable(EnvironmentVariable, string.Join(Path.PathSeparator, all.Distinct()));
        }
    }

    /// <summary>Loads the plugins named by <see cref="EnvironmentVariable"/> (in worker processes).</summary>
    public static void LoadInherited(TaskRegistry registry)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } inherited)
        {
            // A plugin deleted since the driver started leaves its tasks unknown, which the worker reports itself.
            foreach (string path in inherited.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists))
            {
                registry.RegisterAssembly(Assembly.LoadFrom(path));
            }
        }
    }
}
