// Runs the Invert task on a synthetic volume in worker processes: `dotnet run [-- container.zarr]`.
// The same pipeline as a file: pipeline.yaml (`volara plan pipeline.yaml --plugin VolaraTask1.dll`).
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Workers;
using VolaraTask1;

// A program whose tasks run in worker processes serves as its own worker.
if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

string container = args.FirstOrDefault() ?? "sample.zarr";
SampleVolume.Write(Path.Combine(container, "raw"));

var task = new Invert
{
    Image = new Raw { Store = Path.Combine(container, "raw") },
    Inverted = new Raw { Store = Path.Combine(container, "inverted") },
    BlockSize = new Coordinate(8, 32, 32),
};

ProcessExecutor.RegisterWithRunner();
var result = Runner.Run(task, new RunOptions
{
    Mode = ExecutionMode.Processes,
    LogDirectory = Path.Combine(container, "logs"),
});
return result.Succeeded ? 0 : 1;
