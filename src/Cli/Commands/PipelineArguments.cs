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

    /// <summary>Loads the plugins and the validated pipeline file.</summary>
    public PipelineDefinition Load(ParseResult parsed)
    {
        Pipelines.Plugins.Load(parsed.GetValue(Plugins) ?? [], TaskRegistry.Default);
        return PipelineFile.Load(parsed.GetRequiredValue(File), TaskRegistry.Default);
    }

    public string LogDirectoryOf(ParseResult parsed, PipelineDefinition definition) =>
        parsed.GetValue(LogDirectory) ?? definition.LogDirectory ?? DefaultLogDirectory;
}
