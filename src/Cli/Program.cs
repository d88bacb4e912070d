using Volara.Cli;
using Volara.Workers;

// A worker process of a blockwise run is this same program started with the worker flag.
if (WorkerEntry.TryRun(args, out var workerExitCode))
{
    return workerExitCode;
}

return VolaraApp.Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected);
