using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Pipelines;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Engine.Serialization;

namespace Volara.Cli.Commands;

/// <summary>
/// <c>volara run CONFIG.json [--mode M] [--log-dir DIR]</c>: runs task configurations (the JSON a task writes as its
/// <c>config.json</c>). A list of configurations runs as the sequential pipeline <c>first + second + ...</c>.
/// Exits 1 when any block failed or was orphaned.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Argument<string>("CONFIG") { Description = "A task configuration (JSON object with task_type), or a list of them run in order." };
        var mode = new Option<string>("--mode") { Description = "serial, threads or processes.", DefaultValueFactory = _ => "processes" };
        var logDirectory = new Option<string>("--log-dir") { Description = "Worker logs and done-stores go below it.", DefaultValueFactory = _ => "volara_logs" };
        var command = new Command("run", "Run blockwise tasks from a configuration file.") { config, mode, logDirectory };
        command.SetAction(parsed =>
        {
            var pipeline = Load(parsed.GetRequiredValue(config));
            var result = Runner.Run(pipeline, new RunOptions
            {
                Mode = ParseMode(parsed.GetRequiredValue(mode)),
                LogDirectory = parsed.GetRequiredValue(logDirectory),
                Progress = console.Error,
                RedrawProgress = console.ErrorIsTerminal,
            });
            return result.Succeeded ? VolaraApp.Success : VolaraApp.Failure;
        });
        return command;
    }

    private static Pipeline Load(string file)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(file));
        }
        catch (JsonException error)
        {
            throw new UsageException($"{file}: not valid JSON (line {error.LineNumber + 1}): {error.Message}");
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"{file}: no such configuration file");
        }

        var configs = document switch
        {
            JsonObject single => [single],
            JsonArray list => list.Select((entry, index) => entry as JsonObject
                ?? throw new UsageException($"{file}: entry {index} is not a task configuration object")).ToList(),
            _ => throw new UsageException($"{file}: expected a task configuration object or a list of them"),
        };
        if (configs.Count == 0)
        {
            throw new UsageException($"{file}: the list of tasks is empty");
        }

        Pipeline? pipeline = null;
        for (int i = 0; i < configs.Count; i++)
        {
            IBlockwiseTask task;
            try
            {
                task = TaskRegistry.Default.Create(configs[i]);
            }
            catch (Exception error) when (error is InvalidDataException or UnknownTaskTypeException)
            {
                throw new UsageException(configs.Count == 1 ? $"{file}: {error.Message}" : $"{file}: task {i}: {error.Message}");
            }

            pipeline = pipeline is null ? Pipeline.Of(task) : pipeline + task;
        }

        return pipeline!;
    }

    private static ExecutionMode ParseMode(string text) => text switch
    {
        "serial" => ExecutionMode.Serial,
        "threads" => ExecutionMode.Threads,
        "processes" => ExecutionMode.Processes,
        _ => throw new UsageException($"--mode: expected serial, threads or processes, got '{text}'"),
    };
}
