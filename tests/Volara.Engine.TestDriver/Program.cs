using Volara.Engine.TestDriver;
using Volara.Runtime.Datasets;
using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Running;
using Volara.Runtime.Geometry;
using Volara.Runtime.Tasks;

// A driver process for fault-injection tests: a blockwise Threshold run on threads, each block slowed down.
// Usage: <input> <mask> <log directory> <block edge in voxels> <pause per block in ms>
// or, for an Evaluate run: evaluate <ground truth> <segmentation> <results file> <log directory> <block edge> <pause ms>
if (args.Length == 7 && args[0] == "evaluate")
{
    long evaluateEdge = long.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
    var evaluate = new Evaluate
    {
        GtData = new Labels { Store = args[1] },
        SegData = new Labels { Store = args[2] },
        ResultsFile = args[3],
        BlockSize = new Coordinate(evaluateEdge, evaluateEdge),
        Execution = new ExecutionOptions { NumWorkers = 2 },
    };
    var slowed = new SlowedTask(evaluate, TimeSpan.FromMilliseconds(int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture)));
    return Runner.Run(slowed, new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = args[4], RedrawProgress = false }).Succeeded ? 0 : 1;
}

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: <input> <mask> <log directory> <block edge> <pause ms>");
    return 2;
}

long edge = long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
var threshold = new Threshold
{
    InData = new Raw { Store = args[0] },
    Mask = new Labels { Store = args[1] },
    Value = 127.5,
    BlockSize = new Coordinate(edge, edge),
    Execution = new ExecutionOptions { NumWorkers = 2 },
};
var task = new SlowedTask(threshold, TimeSpan.FromMilliseconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)));
var result = Runner.Run(task, new RunOptions { Mode = ExecutionMode.Threads, LogDirectory = args[2], RedrawProgress = false });
return result.Succeeded ? 0 : 1;
