using System.Diagnostics;
using Volara.Generators.Tests.Support;
using Volara.Runtime.Datasets;

namespace Volara.Generators.Tests;

/// <summary>
/// Proof that nothing in a task's way reflects: the custom-task sample published as one native binary (no .NET on the
/// machine that runs it) drives its own worker processes and computes what the JIT build computes.
/// </summary>
public sealed class NativeAotTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task TheCustomTaskSamplePublishedNativeRunsItsArgmaxInItsOwnWorkerProcesses()
    {
        // A copy of the sources, so the publish builds nothing the other tests are running.
        var sources = temp.Combine("src");
        foreach (var part in new[] { "src", "samples/CustomTask", "Directory.Build.props", "Directory.Packages.props" })
        {
            Copy(RepositoryRoot.Combine(part), Path.Combine(sources, part));
        }

        var native = temp.Combine("native");
        var (published, publishLog) = await Run(
            "dotnet", ["publish", Path.Combine(sources, "samples/CustomTask"), "-c", "Release", "-r", "linux-x64", "-o", native, "-nologo"], TimeSpan.FromMinutes(20));
        Assert.True(published == 0, publishLog);
        Assert.DoesNotContain("warning IL", publishLog, StringComparison.Ordinal);

        var binary = Path.Combine(native, "Volara.Samples.CustomTask");
        var (exit, output) = await Run(binary, [temp.Combine("native.zarr"), "--processes"], TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, output);
        Assert.Contains("winners-sample-channel-argmax: 8 of 8 blocks", output);
        var workerLog = File.ReadAllText(temp.Combine("native.zarr", "logs", "winners-sample-channel-argmax", "worker_0.log"));
        Assert.Contains($"starting worker 0 of task 'winners-sample-channel-argmax': {binary} --volara-worker", workerLog);
        Assert.Contains("connected to", workerLog);

        var (jitExit, jitOutput) = await Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Volara.Samples.CustomTask.dll"), temp.Combine("jit.zarr")], TimeSpan.FromMinutes(2));
        Assert.True(jitExit == 0, jitOutput);
        Assert.Equal(
            Volumes.ReadAll<byte>(new Labels { Store = temp.Combine("jit.zarr", "winners") }),
            Volumes.ReadAll<byte>(new Labels { Store = temp.Combine("native.zarr", "winners") }));
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(string program, string[] arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }
}
