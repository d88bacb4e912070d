using System.CommandLine;
using System.Text.Json.Nodes;
using Volara.Cli.Output;
using Volara.Cli.Pipelines;

namespace Volara.Cli.Commands;

/// <summary><c>volara status PIPELINE</c>: per task, blocks done of total and the failed blocks of the last run; runs nothing.</summary>
public static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var arguments = new PipelineArguments();
        var command = new Command("status", CommandHelp.Describe(
            "Show how far each task of a pipeline has come (nothing runs).",
            "volara status examples/segmentation.yaml",
            "volara status pipeline.yaml --json"));
        arguments.AddTo(command);
        command.SetAction(parsed =>
        {
            var definition = arguments.Load(parsed);
            string logDirectory = arguments.LogDirectoryOf(parsed, definition);
            var statuses = definition.Pipeline.TopologicalOrder().Select(task => TaskProgress.Read(task, definition.Tasks.First(t => t.Task == task).Descriptor.TaskType, logDirectory)).ToList();
            if (parsed.GetValue(arguments.Json))
            {
                JsonText.Write(console.Out, ToJson(logDirectory, statuses));
            }
            else
            {
                console.Out.Write(Format(statuses));
                console.Out.Flush();
            }

            return VolaraApp.Success;
        });
        return command;
    }

    public static string Format(IReadOnlyList<TaskProgress> statuses)
    {
        var rows = new List<string[]> { new[] { "task", "type", "done/total", "failed", "peak memory/worker", "state" } };
        foreach (var status in statuses)
        {
            rows.Add([
                status.Name,
                status.TaskType,
                $"{status.Done}/{(status.Total is { } total ? total.ToString() : "?")}",
                status.LastRun is { } run ? run.Failed.ToString() : "-",
                status.LastRun?.PeakWorkerMemoryBytes is { } peak ? ByteSize.Format(peak) : "-",
                status.State,
            ]);
        }

        var text = new System.Text.StringBuilder(TextTable.Format(rows));
        foreach (var status in statuses)
        {
            if (status.LastRun is { FailedBlocks.Count: > 0 } run)
            {
                text.Append($"{status.Name}: failed blocks in the last run: {string.Join(", ", run.FailedBlocks)}\n");
            }

            if (status.Note is { } note)
            {
                text.Append($"{status.Name}: {note}\n");
            }
        }

        return text.ToString();
    }

    public static JsonObject ToJson(string logDirectory, IReadOnlyList<TaskProgress> statuses) => new()
    {
        ["log_dir"] = logDirectory,
        ["tasks"] = new JsonArray([.. statuses.Select(status => (JsonNode)new JsonObject
        {
            ["name"] = status.Name,
            ["task_type"] = status.TaskType,
            ["total"] = status.Total,
            ["done"] = status.Done,
            ["state"] = status.State,
            ["failed"] = status.LastRun?.Failed,
            ["orphaned"] = status.LastRun?.Orphaned,
            ["peak_worker_memory_bytes"] = status.LastRun?.PeakWorkerMemoryBytes,
            ["failed_blocks"] = status.LastRun is { } run ? new JsonArray([.. run.FailedBlocks.Select(id => (JsonNode)JsonValue.Create(id))]) : null,
            ["last_run"] = status.LastRun?.FinishedAt.ToString("O"),
            ["note"] = status.Note,
        })]),
    };
}
