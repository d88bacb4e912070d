using System.CommandLine;
using Volara.Cli.Output;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Commands;

/// <summary><c>volara info PATH [--json]</c>: shape, data type, chunking, codecs and funlib geometry of an array.</summary>
public static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("PATH") { Description = "A Zarr array, a Zarr group (its arrays are listed) or a look-up table (.npz)." };
        var json = CommandHelp.Json();
        var command = new Command("info", CommandHelp.Describe(
            "Describe a Zarr array, list the arrays of a group, or describe a look-up table.",
            "volara info sample.zarr/raw",
            "volara info sample.zarr/raw --json",
            "volara info quickstart-output/segmentation.zarr")) { path, json };
        command.SetAction(parsed =>
        {
            Execute(parsed.GetRequiredValue(path), parsed.GetValue(json), console.Out);
            return VolaraApp.Success;
        });
        return command;
    }

    public static void Execute(string path, bool json, TextWriter output)
    {
        CliPaths.RequireExisting(path);
        if (ZarrGroup.Exists(path))
        {
            output.Write(NodeListing.Group(ZarrGroup.Open(path), json));
        }
        else if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
        {
            output.Write(NodeListing.LookUpTable(path, json));
        }
        else
        {
            var info = ArrayInfo.Of(ZarrArray.Open(path));
            output.Write(json ? InfoJson.Format(info) + "\n" : InfoTable.Format(info));
        }

        output.Flush();
    }
}
