using System.CommandLine;
using Volara.Cli.Pipelines;
using Volara.Runtime.Dsl.Description;

namespace Volara.Cli.Commands;

/// <summary>What every pipeline command takes: the file, <c>--log-dir</c>, <c>--plugin</c> and <c>--json</c>.</summary>
public sealed class PipelineArguments
{
    public const string DefaultLogDirectory = "volara_logs";

    public Argument<string> File { get; } = new("PIPELINE") { Description = "A pipeline file (.json, .yaml or .yml)." };

    public Option<string?> LogDirectory { get; } = new("--log-dir") { Description = "Where done-stores and worker logs live [default: the file's log_dir, else volara_logs]." };

    public Option<string[]> Plugins { get; } = new("--plugin") { Description = "An assembly with custom task classes (repeatable).", AllowMultipleArgumentsPerToken = false };

    public Option<bool> Json { get; } = CommandHelp.Json();

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(LogDirectory);
        command.Options.Add(Plugins);
        command.Options.Add(Json);
    }

    private string invocationDirectory = Environment.CurrentDirectory;

    /// <summary>
    /// Loads the plugins and the validated pipeline file, and makes the file's directory the current one: relative
    /// paths in a pipeline file (stores, databases, tables, <c>log_dir</c>) name places beside it, wherever volara is run
    /// from, and worker processes and cluster jobs inherit the directory. Paths given on the command line stay relative
    /// to where volara was run (<see cref="FromCommandLine"/>).
    /// </summary>
    public PipelineDefinition Load(ParseResult parsed)
    {
        invocationDirectory = Environment.CurrentDirectory;
        Pipelines.Plugins.Load(parsed.GetValue(Plugins) ?? [], TaskRegistry.Default);
        string file = parsed.GetRequiredValue(File);
        var document = LocatedDocument.Load(file);
        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        return PipelineFile.Build(document, TaskRegistry.Default);
    }

    /// <summary>A path given on the command line, as an absolute path from the directory volara was run in.</summary>
    public string FromCommandLine(string path) => Path.GetFullPath(path, invocationDirectory);

    /// <summary><c>--log-dir</c> (from where volara was run), else the file's <c>log_dir</c>, else <c>volara_logs</c> (both beside the file).</summary>
    public string LogDirectoryOf(ParseResult parsed, PipelineDefinition definition) =>
        parsed.GetValue(LogDirectory) is { } given ? FromCommandLine(given) : definition.LogDirectory ?? DefaultLogDirectory;
}
