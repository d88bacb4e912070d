using Volara.Cli;
using Volara.Cli.Pipelines;
using Volara.Runtime.Engine.Serialization;
using Volara.Workers;

// Workers rebuild tasks of the plugins the driver was given (--plugin), which it passes on in the environment.
Plugins.LoadInherited(TaskRegistry.Default);

// A worker process of a blockwise run is this same program started with the worker flag.
if (WorkerEntry.TryRun(args, out var workerExitCode))
{
    return workerExitCode;
}

return VolaraApp.Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected);
