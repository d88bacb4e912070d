using System.Diagnostics;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// Creates a node so that it appears complete or not at all: its metadata is written into a hidden sibling directory
/// that is then renamed into place (one atomic rename). A kill before the rename leaves only the hidden sibling, which
/// the next creation of the node removes; a kill after it leaves a complete node.
/// </summary>
internal static class NodeStaging
{
    private const string Marker = ".creating-";
    private const string ReplacedMarker = ".replaced-";

    /// <summary>
    /// Why writing beside a node failed, without the hidden staging names the system's message would show: they mean
    /// nothing to whoever asked for the node.
    /// </summary>
    public static string Reason(Exception error) => error switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException or FileNotFoundException => "its directory cannot be written",
        _ => error.Message.Split(" : '", 2)[0].Split(" '", 2)[0].TrimEnd('.', ' '),
    };

    /// <summary>A fresh staging directory beside <paramref name="node"/>, named after it and this process.</summary>
    public static string Begin(string node)
    {
        RemoveAbandoned(node);
        string staging = Path.Combine(Path.GetDirectoryName(node)!, $".{Path.GetFileName(node)}{Marker}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>
    /// Moves the finished staging directory to <paramref name="node"/>. What was there (a node being replaced, an empty
    /// directory) is moved aside first and deleted only once the new node is in place, so that at every moment one of
    /// the two is complete.
    /// </summary>
    public static void Commit(string staging, string node)
    {
        string? replaced = null;
        try
        {
            if (Directory.Exists(node))
            {
                replaced = Path.Combine(Path.GetDirectoryName(node)!, $".{Path.GetFileName(node)}{ReplacedMarker}{Environment.ProcessId}-{Guid.NewGuid():N}");
                Directory.Move(node, replaced);
            }

            Directory.Move(staging, node);
        }
        catch
        {
            if (replaced is not null && !Directory.Exists(node))
            {
                Directory.Move(replaced, node);
                replaced = null;
            }

            Abandon(staging);
            throw;
        }

        if (replaced is not null)
        {
            Abandon(replaced);
        }
    }

    /// <summary>Removes a staging directory after a failure, or a replaced node once its replacement is in place.</summary>
    public static void Abandon(string staging)
    {
        try
        {
            Directory.Delete(staging, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// True for what an interrupted creation by an earlier version left where the node belongs: a directory holding
    /// only attributes and transient files, with no node metadata. Nothing in it is data.
    /// </summary>
    public static bool IsLeftover(string node) =>
        Directory.Exists(node)
        && NodeLocator.Probe(node) is null
        && Directory.EnumerateFileSystemEntries(node).All(entry =>
            File.Exists(entry) && (ChunkFiles.IsTemporary(Path.GetFileName(entry)) || Path.GetFileName(entry) == ".zattrs"));

    /// <summary>Staging directories of this node whose creating process has ended.</summary>
    private static void RemoveAbandoned(string node)
    {
        string? parent = Path.GetDirectoryName(node);
        if (parent is null || !Directory.Exists(parent))
        {
            return;
        }

        string prefix = $".{Path.GetFileName(node)}{Marker}";
        foreach (string staging in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            string rest = Path.GetFileName(staging)[prefix.Length..];
            int dash = rest.IndexOf('-');
            if (dash > 0 && int.TryParse(rest[..dash], out int pid) && !IsRunning(pid))
            {
                Abandon(staging);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
