using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Volara.Packaging.Tests.Support;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Packaging.Tests;

/// <summary>
/// The packages as a user meets them: packed into a folder feed, the template installed from it, a project created,
/// built, run and tested with nothing of this repository but those packages — and a mistake in it reported by the
/// analyzers inside Volara.Dsl, with a help link to the diagnostic's page.
/// </summary>
public sealed class PackagesTests
{
    private static readonly string Configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    [Fact]
    public void ATaskProjectFromTheTemplateBuildsRunsAndIsCheckedFromThePackagesAlone()
    {
        using var temp = new TempDirectory();
        // A version of its own, so that the machine's package folder never serves an earlier test's packages.
        string version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var dotnet = new Dotnet(temp.Combine("home"));
        string feed = temp.Combine("feed");
        try
        {
            foreach (string packed in (string[])["src/Runtime/Volara.Runtime.csproj", "src/Workers/Volara.Workers.csproj", "templates/Volara.Templates.csproj", "src/Cli/Volara.Cli.csproj"])
            {
                Succeeds(dotnet.Run(RepositoryPaths.Root, "pack", packed, "-c", Configuration, "--no-build", $"-p:Version={version}", "-o", feed));
            }

            CheckDslPackage(Path.Combine(feed, $"Volara.Dsl.{version}.nupkg"));

            string work = temp.Combine("work");
            Directory.CreateDirectory(work);
            File.WriteAllText(Path.Combine(work, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="volara" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            Succeeds(dotnet.Run(work, "new", "install", Path.Combine(feed, $"Volara.Templates.{version}.nupkg")));
            Succeeds(dotnet.Run(work, "new", "volara-task", "-n", "Cells"));
            string project = Path.Combine(work, "Cells", "Cells");
            Assert.Contains($"Include=\"Volara.Dsl\" Version=\"{version}\"", File.ReadAllText(Path.Combine(project, "Cells.csproj")));

            // The generator inside the package completes the task.
            Succeeds(dotnet.Run(project, "build"));
            Assert.True(File.Exists(Path.Combine(project, "obj", "generated", "Volara.Generators", "Volara.Generators.TaskGenerator", "Cells.Invert.g.cs")));

            // A compiler too old to run the generator is refused with a reason, not left to build without its code.
            var old = dotnet.Run(project, "build", "--no-incremental", "-p:NETCoreSdkVersion=9.0.300");
            Assert.NotEqual(0, old.ExitCode);
            Assert.Contains($"error VOLSDK: Volara.Dsl needs the .NET SDK {BuildProperty("VolaraMinimumSdk")} or newer", old.Output);
            Succeeds(dotnet.Run(project, "build"));

            // The program runs the task in worker processes (it is its own worker), and its test passes.
            var run = dotnet.Run(project, "run", "--no-build", "--", "sample.zarr");
            Succeeds(run);
            Assert.Contains("peak memory per worker", run.Output);
            CheckInverted(Path.Combine(project, "sample.zarr"));
            Succeeds(dotnet.Run(Path.Combine(work, "Cells"), "test", "Cells.Tests"));

            // The segmentation pipeline as a program of one's own, on synthetic affinities scored against their truth.
            Succeeds(dotnet.Run(work, "new", "volara-pipeline", "-n", "Segment"));
            var segmented = dotnet.Run(Path.Combine(work, "Segment", "Segment"), "run");
            Succeeds(segmented);
            Assert.Matches(@"\d+ fragments agglomerated into \d+ segments", segmented.Output);
            Assert.Contains("against the ground truth: VOI split", segmented.Output);

            // The command line as a .NET tool, on the template's pipeline file with the task's assembly as a plugin.
            string tools = temp.Combine("tools");
            Succeeds(dotnet.Run(work, "tool", "install", "volara", "--tool-path", tools, "--add-source", feed, "--version", version));
            string volara = Path.Combine(tools, "volara");
            var printedVersion = Run(volara, project, "--version");
            Assert.StartsWith(PackageVersion(), printedVersion.Trim());
            string plan = Run(volara, project, "plan", "pipeline.yaml", "--plugin", Path.Combine("bin", "Debug", "net10.0", "Cells.dll"));
            Assert.Contains("inverted-invert", plan);

            // A Process that does not match the ports: the analyzers report it, linking to the page that explains it.
            string source = Path.Combine(project, "Invert.cs");
            File.WriteAllText(source, File.ReadAllText(source).Replace("ReadOnlyTensorSpan<byte> image", "ReadOnlyTensorSpan<float> image", StringComparison.Ordinal));
            var broken = dotnet.Run(project, "build", "-p:ErrorLog=diagnostics.sarif%2Cversion=2.1");
            Assert.NotEqual(0, broken.ExitCode);
            Assert.Contains("error VOL0003", broken.Output);
            string link = HelpLink(Path.Combine(project, "diagnostics.sarif"), "VOL0003");
            Assert.Equal($"{RepositoryUrl()}/blob/main/docs/diagnostics/VOL0003.md", link);
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", "VOL0003.md")));
        }
        finally
        {
            foreach (string package in (string[])["volara.dsl", "volara.workers", "volara"])
            {
                string cached = Path.Combine(Dotnet.PackageFolder, package, version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
    }

    /// <summary>The runtime as a library; generator, analyzers and fixes as analyzers only; docs, readme and the compiler check.</summary>
    private static void CheckDslPackage(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (string expected in (string[])[
            "lib/net10.0/Volara.Runtime.dll", "lib/net10.0/Volara.Runtime.xml", "README.md",
            "analyzers/dotnet/cs/Volara.Generators.dll", "analyzers/dotnet/cs/Volara.Analyzers.dll", "analyzers/dotnet/cs/Volara.CodeFixers.dll",
            "build/Volara.Dsl.targets", "buildTransitive/Volara.Dsl.targets"])
        {
            Assert.Contains(expected, entries);
        }

        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("Generators", StringComparison.Ordinal));
        string nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).ReadToEnd();
        Assert.DoesNotContain("Volara.Generators", nuspec);
        Assert.DoesNotContain("Volara.Analyzers", nuspec);
    }

    private static void CheckInverted(string container)
    {
        var raw = ZarrArray.Open(Path.Combine(container, "raw"));
        var inverted = ZarrArray.Open(Path.Combine(container, "inverted"));
        long[] shape = [.. raw.Shape];
        var before = new byte[shape.Aggregate(1L, (a, b) => a * b)];
        var after = new byte[before.Length];
        raw.Read<byte>([0, 0, 0], shape, before);
        inverted.Read<byte>([0, 0, 0], shape, after);
        Assert.Equal(before.Select(v => (byte)(255 - v)), after);
    }

    private static string HelpLink(string sarif, string id)
    {
        var rules = JsonNode.Parse(File.ReadAllText(sarif))!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();
        return rules.Single(rule => rule!["id"]!.GetValue<string>() == id)!["helpUri"]!.GetValue<string>();
    }

    /// <summary>The repository's address as the build states it (Directory.Build.props).</summary>
    private static string RepositoryUrl() => BuildProperty("RepositoryUrl");

    /// <summary>The version the assemblies were built with (the packages here get a test version of their own).</summary>
    private static string PackageVersion() => BuildProperty("Version");

    private static string BuildProperty(string name) =>
        Regex.Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")), $"<{name}>([^<]+)</{name}>").Groups[1].Value;

    /// <summary>Runs an installed program; what it printed on stdout, failing with stderr when it fails.</summary>
    private static string Run(string program, string workingDirectory, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', arguments)}: {stdout}{stderr.Result}");
        return stdout;
    }

    private static void Succeeds(DotnetResult result) => Assert.True(result.ExitCode == 0, result.Output);
}
