namespace Volara.Runtime.Storage;

/// <summary>
/// Whole-file replacement that readers and concurrent writers can rely on: the content goes to a temporary file of a
/// name no other process or thread uses, which is then moved over the target in one step. A reader sees the old or
/// the new file, never a part; a killed writer leaves at most a stray temporary file.
/// </summary>
public static class AtomicFile
{
    /// <summary>A temporary name beside <paramref name="path"/>, unique to this call.</summary>
    public static string TemporaryPath(string path) => $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> writes to the stream it is given.</summary>
    public static void Write(string path, Action<FileStream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string temporary = TemporaryPath(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(text);
        });
}
