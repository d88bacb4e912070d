using System.Diagnostics;

namespace Volara.Bench.Scale;

/// <summary>The <c>volara</c> command line of this repository, built once and run as a user would run it.</summary>
internal static class VolaraCli
{
    private static readonly Lazy<string> Dll = new(Build);

    /// <summary>Runs <c>volara ARGS</c> and returns its standard output; a non-zero exit is an error.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll.Value);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"volara {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{error.Result}");
        }

        return output;
    }

    private static string Build()
    {
        string root = RepositoryRoot();
        string project = Path.Combine(root, "src", "Cli");
        using var build = Process.Start("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "q"])!;
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("building the volara command line failed");
        }

        return Path.Combine(project, "bin", "Release", "net10.0", "volara.dll");
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Volara.Dsl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository (Volara.Dsl.sln) was not found above the bench binaries");
    }
}
