namespace Volara.Cli;

/// <summary>The check every verb makes of the paths it is given, so a missing one reads the same everywhere.</summary>
public static class CliPaths
{
    /// <summary>Throws a usage error (exit status 2) naming <paramref name="path"/> when no file or directory is there.</summary>
    public static void RequireExisting(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw Missing(path);
        }
    }

    /// <summary>The error for a path that is not there, found out some other way (a read that failed).</summary>
    public static UsageException Missing(string path) => new($"'{path}' does not exist");
}
