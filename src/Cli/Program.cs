using Volara.Cli;
using Volara.Cli.Pipelines;
using Volara.Runtime.Dsl.Description;
using Volara.Workers;

// Predict lives in its own assembly (it alone loads libtorch, and only when a Predict task runs); registering it keeps
// the reference the compiler would otherwise drop, since nothing else here names it.
TaskRegistry.Default.Register<Volara.Predict.Predict>();

// Workers rebuild tasks of the plugins the driver was given (--plugin), which it passes on in the environment.
Plugins.LoadInherited(TaskRegistry.Default);

// A worker process of a blockwise run is this same program started with the worker flag.
if (WorkerEntry.TryRun(args, out var workerExitCode))
{
    return workerExitCode;
}

// This program turns profile-guided tiering off for its own quick start (Volara.Cli.csproj); the worker processes it
// starts inherit this variable, which takes precedence, and keep it for their long hot loops.
if (Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_TieredPGO", "1");
}

return VolaraApp.Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected);
