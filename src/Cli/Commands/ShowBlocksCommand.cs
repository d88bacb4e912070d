using System.CommandLine;
using System.Text.Json.Nodes;
using Volara.Cli.Imaging;
using Volara.Cli.Output;

namespace Volara.Cli.Commands;

/// <summary><c>volara show-blocks PIPELINE --task NAME -o blocks.png</c>: the done-store of a task as a picture.</summary>
public static class ShowBlocksCommand
{
    public static Command Create(CliConsole console)
    {
        var arguments = new PipelineArguments();
        var task = new Option<string>("--task") { Description = "The task (its name or its name in the file).", Required = true };
        var cell = new Option<int>("--cell") { Description = "Pixels per block.", DefaultValueFactory = _ => 8 };
        var output = new Option<string>("--output", "-o") { Description = "The PNG file to write.", Required = true };
        var command = new Command("show-blocks", CommandHelp.Describe(
            "Draw which blocks of a task are done (green), failed (red) or to do (grey) as a PNG.",
            "volara show-blocks examples/segmentation.yaml --task extract_frags -o blocks.png")) { task, cell, output };
        arguments.AddTo(command);
        command.SetAction(parsed =>
        {
            var definition = arguments.Load(parsed);
            int pixels = parsed.GetValue(cell);
            if (pixels is < 1 or > 256)
            {
                throw new UsageException($"--cell must be between 1 and 256, got {pixels}");
            }

            var selected = definition.Find(parsed.GetRequiredValue(task));
            var (image, done, failed, todo) = BlockOverview.Render(selected, arguments.LogDirectoryOf(parsed, definition), pixels);
            string file = parsed.GetRequiredValue(output);
            image.SavePng(arguments.FromCommandLine(file));
            if (parsed.GetValue(arguments.Json))
            {
                JsonText.Write(console.Out, new JsonObject
                {
                    ["output"] = file,
                    ["task"] = selected.Name,
                    ["done"] = done,
                    ["failed"] = failed,
                    ["todo"] = todo,
                    ["width"] = image.Width,
                    ["height"] = image.Height,
                });
            }
            else
            {
                console.Out.WriteLine($"wrote {file}: {selected.Name} {done} done, {failed} failed, {todo} to do");
                console.Out.Flush();
            }

            return VolaraApp.Success;
        });
        return command;
    }
}
