using System.CommandLine;
using Volara.Cli.Output;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Commands;

/// <summary><c>volara info PATH [--json]</c>: shape, data type, chunking, codecs and funlib geometry of an array.</summary>
public static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("PATH") { Description = "The Zarr array (a directory holding .zarray or zarr.json)." };
        var json = CommandHelp.Json();
        var command = new Command("info", CommandHelp.Describe(
            "Describe a Zarr array.",
            "volara info sample.zarr/raw",
            "volara info sample.zarr/raw --json")) { path, json };
        command.SetAction(parsed =>
        {
            Execute(parsed.GetRequiredValue(path), parsed.GetValue(json), console.Out);
            return VolaraApp.Success;
        });
        return command;
    }

    public static void Execute(string path, bool json, TextWriter output)
    {
        var info = ArrayInfo.Of(ZarrArray.Open(path));
        output.Write(json ? InfoJson.Format(info) + "\n" : InfoTable.Format(info));
        output.Flush();
    }
}
