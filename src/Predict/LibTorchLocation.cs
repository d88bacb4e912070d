namespace Volara.Predict;

/// <summary>
/// Whether libtorch can be found before any worker tries to load it: the <c>volara</c> command-line tool leaves it out
/// (450 MB), and without this check a predict task would fail in every worker with the loader's message instead of
/// once, before any output is created, with what to do.
/// </summary>
public static class LibTorchLocation
{
    private const string Library = "libtorch_cpu.so";

    /// <summary>Throws naming the task when libtorch is in none of the places the loader looks.</summary>
    public static void Require(string taskName) => Require(taskName, SearchedDirectories());

    public static void Require(string taskName, IEnumerable<string> directories)
    {
        if (!OperatingSystem.IsLinux() || directories.Any(directory => File.Exists(Path.Combine(directory, Library))))
        {
            return;
        }

        throw new ArgumentException(
            $"task '{taskName}': libtorch ({Library}) is not installed beside this program, and the volara command-line tool does not carry it; " +
            "run predict from a program that references the Volara.Predict package (samples/Inference does)");
    }

    /// <summary>Beside the program (a published one), in its runtimes folders (a built one), and on LD_LIBRARY_PATH.</summary>
    private static IEnumerable<string> SearchedDirectories()
    {
        string baseDirectory = AppContext.BaseDirectory;
        yield return baseDirectory;
        yield return Path.Combine(baseDirectory, "runtimes", "linux-x64", "native");
        yield return Path.Combine(baseDirectory, "runtimes", "linux-arm64", "native");
        foreach (string directory in (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }
    }
}
