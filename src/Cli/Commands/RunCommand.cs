using System.CommandLine;
using System.Text.Json.Nodes;
using Volara.Cli.Output;
using Volara.Cli.Pipelines;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Engine.Tracking;

namespace Volara.Cli.Commands;

/// <summary>
/// <c>volara run PIPELINE [--mode M] [--log-dir DIR] [--plugin DLL] [--json]</c>: validates the whole pipeline file,
/// then runs it with progress bars and the Execution Summary on stderr. Exits 1 when any block failed or was
/// orphaned, 130 (Ctrl-C) or 143 (SIGTERM) when interrupted; each task's outcome is kept for <c>volara status</c>.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var arguments = new PipelineArguments();
        var mode = new Option<string>("--mode") { Description = "serial, threads or processes.", DefaultValueFactory = _ => "processes" };
        var command = new Command("run", CommandHelp.Describe(
            "Run a pipeline file (JSON or YAML) blockwise.",
            "volara run examples/segmentation.yaml",
            "volara run pipeline.yaml --mode threads --log-dir logs")) { mode };
        arguments.AddTo(command);
        command.SetAction(parsed =>
        {
            var executionMode = ParseMode(parsed.GetRequiredValue(mode));
            var definition = arguments.Load(parsed);
            string logDirectory = arguments.LogDirectoryOf(parsed, definition);
            using var interruption = new RunInterruption();
            RunResult result;
            try
            {
                result = Runner.Run(definition.Pipeline, new RunOptions
                {
                    Mode = executionMode,
                    LogDirectory = logDirectory,
                    Progress = console.Error,
                    RedrawProgress = console.ErrorIsTerminal,
                    CancellationToken = interruption.Token,
                });
            }
            catch (OperationCanceledException) when (interruption.ExitCode is { } code)
            {
                // The summary, marked interrupted, is printed; a rerun resumes from the done-marks.
                return code;
            }
            catch (StaleResultsException stale)
            {
                string file = parsed.GetRequiredValue(arguments.File);
                // Dropping a task drops the tasks after it: name only the stale tasks no other stale task leads to.
                var following = definition.Pipeline.DownstreamOf(stale.Tasks).Select(task => task.Name).ToHashSet();
                var first = stale.Tasks.Where(task => !following.Contains(task));
                throw new UsageException(
                    $"{string.Join("; ", stale.Problems.Select(p => p.Problem))}; nothing was run. To recompute, drop them and the tasks after them: " +
                    string.Join(" && ", first.Select(task => $"volara drop {file} --task {task}")));
            }

            foreach (var task in result.Tasks)
            {
                LastRun.Write(logDirectory, task);
            }

            if (parsed.GetValue(arguments.Json))
            {
                JsonText.Write(console.Out, ToJson(logDirectory, result));
            }

            return result.Succeeded ? VolaraApp.Success : VolaraApp.Failure;
        });
        return command;
    }

    public static JsonObject ToJson(string logDirectory, RunResult result) => new()
    {
        ["log_dir"] = logDirectory,
        ["succeeded"] = result.Succeeded,
        ["tasks"] = new JsonArray([.. result.Tasks.Select(task => (JsonNode)new JsonObject
        {
            ["name"] = task.Name,
            ["total"] = task.Total,
            ["completed"] = task.Completed,
            ["skipped"] = task.Skipped,
            ["failed"] = task.Failed,
            ["orphaned"] = task.Orphaned,
            ["peak_worker_memory_bytes"] = task.PeakWorkerMemoryBytes,
            ["failed_blocks"] = new JsonArray([.. task.Failures.Select(f => f.BlockId).Distinct().Order().Select(id => (JsonNode)JsonValue.Create(id))]),
        })]),
    };

    private static ExecutionMode ParseMode(string text) => text switch
    {
        "serial" => ExecutionMode.Serial,
        "threads" => ExecutionMode.Threads,
        "processes" => ExecutionMode.Processes,
        _ => throw new UsageException($"--mode: expected serial, threads or processes, got '{text}'"),
    };
}
