using System.CommandLine;
using System.Text.Json.Nodes;
using Volara.Cli.Imaging;
using Volara.Cli.Output;

namespace Volara.Cli.Commands;

/// <summary>
/// <c>volara show ARRAY --z N [--labels SEG] [--alpha A] [--scale K] -o slice.png</c>: one section as a PNG, raw in
/// grey with labels in stable colours over it. An unsigned integer array of 32 or 64 bits given alone is drawn as
/// labels.
/// </summary>
public static class ShowCommand
{
    public static Command Create(CliConsole console)
    {
        var array = new Argument<string>("ARRAY") { Description = "The Zarr array to draw (raw data, or labels)." };
        var z = new Option<long>("--z") { Description = "The section along the first physical axis (voxels from the array's start).", DefaultValueFactory = _ => 0 };
        var labels = new Option<string?>("--labels") { Description = "A label array drawn over ARRAY in colours." };
        var alpha = new Option<double>("--alpha") { Description = "Opacity of the label colours over the raw data, 0 to 1.", DefaultValueFactory = _ => 0.5 };
        var scale = new Option<int>("--scale") { Description = "Draw each voxel as K×K pixels.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "The PNG file to write.", Required = true };
        var json = CommandHelp.Json();
        var command = new Command("show", CommandHelp.Describe(
            "Draw one section of an array (and labels over it) as a PNG.",
            "volara show sample.zarr/raw --z 40 -o raw.png",
            "volara show sample.zarr/raw --labels sample.zarr/segments --alpha 0.4 -o overlay.png")) { array, z, labels, alpha, scale, output, json };
        command.SetAction(parsed =>
        {
            string path = parsed.GetRequiredValue(array);
            string? labelsPath = parsed.GetValue(labels);
            double opacity = parsed.GetValue(alpha);
            int factor = parsed.GetValue(scale);
            if (opacity is < 0 or > 1)
            {
                throw new UsageException($"--alpha must be between 0 and 1, got {opacity}");
            }

            if (factor is < 1 or > 64)
            {
                throw new UsageException($"--scale must be between 1 and 64, got {factor}");
            }

            bool arrayIsLabels = labelsPath is null && IsLabelType(path);
            var (image, section) = SectionImage.Render(arrayIsLabels ? null : path, arrayIsLabels ? path : labelsPath, parsed.GetValue(z), opacity);
            image = image.Enlarge(factor);
            string file = parsed.GetRequiredValue(output);
            image.SavePng(file);
            if (parsed.GetValue(json))
            {
                JsonText.Write(console.Out, new JsonObject
                {
                    ["output"] = file,
                    ["width"] = image.Width,
                    ["height"] = image.Height,
                    ["section_offset"] = new JsonArray([.. section.Offset.ToLongArray().Select(v => (JsonNode)v)]),
                    ["section_shape"] = new JsonArray([.. section.Shape.ToLongArray().Select(v => (JsonNode)v)]),
                });
            }
            else
            {
                console.Out.WriteLine($"wrote {file} ({image.Width}×{image.Height})");
                console.Out.Flush();
            }

            return VolaraApp.Success;
        });
        return command;
    }

    private static bool IsLabelType(string path) =>
        Directory.Exists(path) && Runtime.Storage.Zarr.ZarrArray.Open(path).DataType.NumpyName is "uint32" or "uint64";
}
