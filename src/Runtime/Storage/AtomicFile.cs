namespace Volara.Runtime.Storage;

/// <summary>
/// Whole-file replacement that readers and concurrent writers can rely on: the content goes to a temporary file of a
/// name no other process or thread uses, which is then moved over the target in one step.
/// </summary>
public static class AtomicFile
{
    /// <summary>A temporary name beside <paramref name="path"/>, unique to this call.</summary>
    public static string TemporaryPath(string path) => $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/>; a reader sees the old or the new file, never a part.</summary>
    public static void WriteAllText(string path, string text)
    {
        string temporary = TemporaryPath(path);
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
