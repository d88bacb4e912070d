using System.CommandLine;
using Volara.Cli.Output;
using Volara.Cli.Schema;
using Volara.Runtime.Dsl.Description;

namespace Volara.Cli.Commands;

/// <summary><c>volara schema [--plugin DLL]</c>: prints the JSON Schema of pipeline files for the known task types.</summary>
public static class SchemaCommand
{
    public static Command Create(CliConsole console)
    {
        var plugins = new Option<string[]>("--plugin") { Description = "An assembly with custom task classes to include (repeatable)." };
        var command = new Command("schema", CommandHelp.Describe(
            "Print the JSON Schema of pipeline files (for editors).",
            "volara schema > volara-pipeline.schema.json",
            "volara schema --plugin bin/MyTasks.dll > my-pipeline.schema.json")) { plugins };
        command.SetAction(parsed =>
        {
            Pipelines.Plugins.Load(parsed.GetValue(plugins) ?? [], TaskRegistry.Default);
            JsonText.Write(console.Out, PipelineSchema.Create(TaskRegistry.Default));
            return VolaraApp.Success;
        });
        return command;
    }
}
