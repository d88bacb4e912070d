using System.CommandLine;
using System.Text.Json.Nodes;
using Volara.Cli.Output;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Tracking;

namespace Volara.Cli.Commands;

/// <summary>
/// <c>volara drop PIPELINE [--task NAME [--only]] [--keep-outputs]</c>: forgets which blocks are done (so they run
/// again) and, unless <c>--keep-outputs</c>, deletes the outputs — of every task, or of the named ones and the tasks
/// after them (which read what the named ones wrote), or with <c>--only</c> of just the named ones.
/// </summary>
public static class DropCommand
{
    /// <summary>The named tasks and every task after them, in pipeline order.</summary>
    private static IReadOnlyList<IBlockwiseTask> WithDownstream(Runtime.Engine.Pipelines.Pipeline pipeline, IReadOnlyList<IBlockwiseTask> named)
    {
        var after = pipeline.DownstreamOf(named.Select(task => task.Name));
        return [.. pipeline.TopologicalOrder().Where(task => named.Contains(task) || after.Contains(task))];
    }

    public static Command Create(CliConsole console)
    {
        var arguments = new PipelineArguments();
        var tasks = new Option<string[]>("--task") { Description = "Drop this task and every task after it (its name or its name in the file; repeatable)." };
        var only = new Option<bool>("--only") { Description = "With --task: drop just the named tasks, not the tasks after them." };
        var keepOutputs = new Option<bool>("--keep-outputs") { Description = "Keep the outputs; only forget the done blocks." };
        var command = new Command("drop", CommandHelp.Describe(
            "Forget the done blocks of tasks and delete their outputs.",
            "volara drop pipeline.yaml --task relabel",
            "volara drop pipeline.yaml --keep-outputs")) { tasks, only, keepOutputs };
        arguments.AddTo(command);
        command.SetAction(parsed =>
        {
            var definition = arguments.Load(parsed);
            string logDirectory = arguments.LogDirectoryOf(parsed, definition);
            string[] names = parsed.GetValue(tasks) ?? [];
            IReadOnlyList<IBlockwiseTask> named = [.. names.Select(definition.Find).Distinct()];
            // What a task wrote is what the tasks after it read: their done blocks go with it, unless --only.
            IReadOnlyList<IBlockwiseTask> selected = names.Length == 0 ? definition.Pipeline.Tasks
                : parsed.GetValue(only) ? named
                : WithDownstream(definition.Pipeline, named);
            bool dropOutputs = !parsed.GetValue(keepOutputs);
            foreach (var task in selected)
            {
                TaskTracking.Drop(task, logDirectory, dropOutputs);
            }

            if (parsed.GetValue(arguments.Json))
            {
                JsonText.Write(console.Out, new JsonObject
                {
                    ["log_dir"] = logDirectory,
                    ["dropped"] = new JsonArray([.. selected.Select(t => (JsonNode)JsonValue.Create(t.Name))]),
                    ["outputs_deleted"] = dropOutputs,
                });
            }
            else
            {
                foreach (var task in selected)
                {
                    console.Out.WriteLine(dropOutputs ? $"dropped {task.Name} (done blocks and outputs)" : $"dropped {task.Name} (done blocks; outputs kept)");
                }

                console.Out.Flush();
            }

            return VolaraApp.Success;
        });
        return command;
    }
}
