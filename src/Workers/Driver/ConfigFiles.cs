using Volara.Runtime.Engine;

namespace Volara.Workers.Driver;

/// <summary>Writes the <c>config.json</c> workers rebuild a task from.</summary>
internal static class ConfigFiles
{
    public static void Write(IBlockwiseTask task, string path)
    {
        var config = task.ToConfig()
            ?? throw new InvalidOperationException(
                $"task '{task.Name}' ({task.GetType().Name}) has no configuration (ToConfig() returned null), so it can only run in-process, not in worker processes");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Written beside and renamed, so a worker never reads half a file.
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, TaskJson.Format(config) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
