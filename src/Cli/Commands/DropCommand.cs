using System.CommandLine;
using System.Text.Json.Nodes;
using Volara.Cli.Output;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Tracking;

namespace Volara.Cli.Commands;

/// <summary>
/// <c>volara drop PIPELINE [--task NAME] [--keep-outputs]</c>: forgets which blocks are done (so they run again)
/// and, unless <c>--keep-outputs</c>, deletes the outputs — of every task, or of the named ones.
/// </summary>
public static class DropCommand
{
    public static Command Create(CliConsole console)
    {
        var arguments = new PipelineArguments();
        var tasks = new Option<string[]>("--task") { Description = "Drop only this task (its name or its name in the file; repeatable)." };
        var keepOutputs = new Option<bool>("--keep-outputs") { Description = "Keep the outputs; only forget the done blocks." };
        var command = new Command("drop", "Forget the done blocks of tasks and delete their outputs.") { tasks, keepOutputs };
        arguments.AddTo(command);
        command.SetAction(parsed =>
        {
            var definition = arguments.Load(parsed);
            string logDirectory = arguments.LogDirectoryOf(parsed, definition);
            string[] names = parsed.GetValue(tasks) ?? [];
            IReadOnlyList<IBlockwiseTask> selected = names.Length == 0 ? definition.Pipeline.Tasks : [.. names.Select(definition.Find).Distinct()];
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
