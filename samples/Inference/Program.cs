// Raw data to a scored segmentation: synthetic raw → Predict (a tiny hand-weighted TorchSharp model) → the README
// segmentation pipeline → VOI / adapted Rand error against the ground truth. The program is its own worker process.
using Volara.Runtime.Dsl.Description;
using Volara.Samples.Inference;
using Volara.Workers;

// Workers find Predict through the registry; registering it keeps the reference the compiler would otherwise drop.
TaskRegistry.Default.Register<Volara.Predict.Predict>();
if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

return InferenceDemo.Run(args, Console.Out) is null ? 1 : 0;
