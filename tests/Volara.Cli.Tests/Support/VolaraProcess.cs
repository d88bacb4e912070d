using System.Diagnostics;

namespace Volara.Cli.Tests.Support;

/// <summary>What one run of the real <c>volara</c> executable printed and returned.</summary>
public sealed record VolaraResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the built <c>volara.dll</c> (copied next to the tests by the project reference) as a separate process.</summary>
public static class VolaraProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "volara.dll");

    /// <summary>The task assembly the tests load with <c>--plugin</c>.</summary>
    public static string TestPlugin { get; } = Path.Combine(AppContext.BaseDirectory, "Volara.Cli.TestPlugin.dll");

    public static VolaraResult Run(params string[] arguments) => RunIn(null, arguments);

    /// <summary>Runs volara with <paramref name="workingDirectory"/> as its current directory (null: inherited).</summary>
    public static VolaraResult RunIn(string? workingDirectory, params string[] arguments) =>
        RunWithEnvironment(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="RunIn"/>, with <paramref name="environment"/> added to volara's environment.</summary>
    public static VolaraResult RunWithEnvironment(string? workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(Dll))
        {
            throw new InvalidOperationException($"volara.dll was not built next to the tests ({Dll})");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Dll);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"volara {string.Join(' ', arguments)} did not finish in 2 minutes");
        }

        return new VolaraResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The dotnet host running these tests (the SDK exports its path), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
