using System.Text.RegularExpressions;

namespace Volara.Cli.Tests.Commands;

/// <summary>The command line explains itself: no or a mistyped verb, each verb's help, and options described alike.</summary>
public sealed partial class HelpTests
{
    [Fact]
    public void NoCommandListsTheCommands()
    {
        var (code, stdout, stderr) = Run();

        Assert.Equal(VolaraApp.UsageError, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("volara: error: no command given\nusage: volara COMMAND", stderr, StringComparison.Ordinal);
        Assert.Contains("  plan         Show what a pipeline will do", stderr, StringComparison.Ordinal);
        Assert.EndsWith("'volara COMMAND --help' shows a command's options and examples.\n", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inof", " (did you mean 'info'?)")]
    [InlineData("shwo", " (did you mean 'show'?)")]
    [InlineData("stauts", " (did you mean 'status'?)")]
    [InlineData("show_blocks", " (did you mean 'show-blocks'?)")]
    [InlineData("segment", "")]
    public void AMistypedCommandSaysWhatWasMeant(string typed, string hint)
    {
        var (code, _, stderr) = Run(typed, "pipeline.yaml");

        Assert.Equal(VolaraApp.UsageError, code);
        Assert.StartsWith($"volara: error: '{typed}' is not a volara command{hint}\nusage: volara COMMAND", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCommandsHelpHasExamplesOfItself()
    {
        var commands = Commands();
        Assert.Equal(10, commands.Count);
        foreach (string command in commands)
        {
            var (code, stdout, _) = Run(command, "--help");

            Assert.Equal(VolaraApp.Success, code);
            Assert.Matches(new Regex($"\n  Examples:\n(    volara {Regex.Escape(command)} [^\n]+\n)+"), stdout);
        }
    }

    [Fact]
    public void JsonIsDescribedAlikeEverywhere()
    {
        var descriptions = Commands()
            .Select(command => Run(command, "--help").Stdout.Split('\n').FirstOrDefault(line => line.TrimStart().StartsWith("--json", StringComparison.Ordinal)))
            .OfType<string>()
            .Select(line => Regex.Replace(line.Trim(), " {2,}", " ")) // the help pads the option column per command
            .ToList();

        Assert.True(descriptions.Count >= 6, $"{descriptions.Count} commands have --json");
        Assert.Single(descriptions.Distinct());
    }

    [Theory]
    [InlineData("volara pla", "plan\n")]
    [InlineData("volara sh", "show\nshow-blocks\n")]
    [InlineData("volara plan --j", "--json\n")]
    public void CompletionsComeFromTheSuggestDirective(string line, string completions)
    {
        // What docs/cli.md's bash completion function asks: the completions at the end of the line.
        var (code, stdout, _) = Run($"[suggest:{line.Length}]", line);

        Assert.Equal(VolaraApp.Success, code);
        Assert.Equal(completions, stdout.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("info", "absent.zarr")]
    [InlineData("copy", "absent.zarr", "out.zarr")]
    [InlineData("show", "absent.zarr", "-o", "out.png")]
    [InlineData("serve", "absent.zarr", "--port", "0")]
    [InlineData("run", "absent.yaml")]
    [InlineData("status", "absent.yaml")]
    [InlineData("plan", "absent.yaml")]
    [InlineData("drop", "absent.yaml")]
    [InlineData("show-blocks", "absent.yaml", "--task", "a", "-o", "out.png")]
    public void AMissingPathReadsTheSameInEveryCommand(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.Equal(VolaraApp.UsageError, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"volara: error: '{args[1]}' does not exist\n", stderr);
    }

    /// <summary>The verbs, as the usage lists them.</summary>
    private static List<string> Commands() =>
        [.. CommandLine().Matches(Run().Stderr).Select(match => match.Groups[1].Value)];

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = VolaraApp.Run(args, stdout, stderr, stderrIsTerminal: false);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex(@"(?m)^  ([a-z-]+) +\S")]
    private static partial Regex CommandLine();
}
