namespace Volara.Runtime.Engine.Tracking;

/// <summary>
/// Done-marks in the earlier format, one byte per block in <c>blocks_done</c>: carried over into the bitmap once,
/// so a run after upgrading does not redo finished blocks, then removed.
/// </summary>
internal static class LegacyDoneMarks
{
    public const string FileName = "blocks_done";

    /// <summary>Marks the legacy file's done blocks in <paramref name="store"/> and deletes the file.</summary>
    public static void CarryOver(string metaDirectory, DoneStore store)
    {
        var path = Path.Combine(metaDirectory, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        // The layout was already checked against the fingerprint; a file of another length is damaged.
        if (new FileInfo(path).Length == store.BlockCount)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[1 << 16];
            long first = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (buffer[i] != 0)
                    {
                        store.MarkDone(first + i);
                    }
                }

                first += read;
            }

            store.Flush();
        }

        File.Delete(path);
    }

    public static void Delete(string metaDirectory) => File.Delete(Path.Combine(metaDirectory, FileName));
}
