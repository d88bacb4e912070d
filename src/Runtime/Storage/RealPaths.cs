namespace Volara.Runtime.Storage;

/// <summary>Paths with every symbolic link on the way resolved, so that two names of one place compare equal.</summary>
public static class RealPaths
{
    /// <summary>
    /// The absolute path of <paramref name="path"/> with each existing component that is a link replaced by its
    /// target (resolved in turn); components that do not exist yet are kept as written.
    /// </summary>
    public static string Of(string path) => Of(path, hops: 0);

    /// <summary><paramref name="inner"/> is <paramref name="outer"/> or lies inside it (both real paths).</summary>
    public static bool IsWithin(string inner, string outer) =>
        inner == outer || inner.StartsWith(Path.TrimEndingDirectorySeparator(outer) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Of(string path, int hops)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string root = Path.GetPathRoot(full) ?? "/";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            // A loop of links is left unresolved; opening it fails later with the system's own message.
            if (hops < 40 && new FileInfo(current).LinkTarget is { } target)
            {
                current = Of(Path.GetFullPath(target, Path.GetDirectoryName(current)!), hops + 1);
            }
        }

        return current;
    }
}
