using Volara.Runtime.Dsl.Description;
using Volara.Workers;

// Serves Predict blocks when started as a worker; the models it defines are then loadable by their type names. Nothing
// else here names Volara.Predict, so the compiler would drop the reference the task registry discovers it through.
TaskRegistry.Default.Register<Volara.Predict.Predict>();
if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

Console.Error.WriteLine("usage: Volara.Predict.TestWorker --volara-worker ...");
return 2;
