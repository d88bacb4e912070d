// The custom-task example: an argmax over the channels of a random (3,10,10,10) array, computed in 5³ blocks by
// a task written with the DSL. Usage: Volara.Samples.CustomTask [container.zarr] [--processes]
using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;
using Volara.Samples.CustomTask;
using Volara.Workers;

// A program whose tasks run in worker processes serves as its own worker.
if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

bool processes = args.Contains("--processes");
var container = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal)) ?? "custom_task.zarr";

var random = new Random(0);
var scores = new float[3 * 10 * 10 * 10];
for (int i = 0; i < scores.Length; i++)
{
    scores[i] = random.NextSingle();
}

var input = ZarrArray.Create(Path.Combine(container, "scores"), new ZarrArrayOptions
{
    Shape = [3, 10, 10, 10],
    ChunkShape = [3, 5, 5, 5],
    DataType = DataType.Float32,
    Attributes = new JsonObject
    {
        ["voxel_size"] = new JsonArray(1, 1, 1),
        ["offset"] = new JsonArray(0, 0, 0),
        ["axis_names"] = new JsonArray("c^", "z", "y", "x"),
        ["units"] = new JsonArray("nm", "nm", "nm"),
        ["types"] = new JsonArray("channel", "space", "space", "space"),
    },
}, overwrite: true);
input.Write<float>([0, 0, 0, 0], [3, 10, 10, 10], scores);

var task = new ChannelArgMax
{
    Scores = new Raw { Store = input.Path },
    Winners = new Labels { Store = Path.Combine(container, "winners") },
    BlockSize = new Coordinate(5, 5, 5),
};

if (processes)
{
    ProcessExecutor.RegisterWithRunner();
}

var result = Runner.Run(task, new RunOptions
{
    Mode = processes ? ExecutionMode.Processes : ExecutionMode.Serial,
    LogDirectory = Path.Combine(container, "logs"),
    ShowProgress = false,
    PrintSummary = false,
});

Console.WriteLine($"input {string.Join('x', input.Shape)}, first row of each channel:");
for (int channel = 0; channel < 3; channel++)
{
    Console.WriteLine($"  [{string.Join(", ", scores.Skip(channel * 1000).Take(10).Select(v => v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}]");
}

var output = task.Winners.Array();
var winners = new byte[output.ElementCount(output.Roi)];
output.Read<byte>(output.Roi, winners);
Console.WriteLine($"output {string.Join('x', output.Shape)}, first row:");
Console.WriteLine($"  [{string.Join(", ", winners.ToArray().Take(10))}]");
Console.WriteLine($"{task.Name}: {result["winners-sample-channel-argmax"].Completed} of {result["winners-sample-channel-argmax"].Total} blocks");
return result.Succeeded ? 0 : 1;
