using System.Runtime.InteropServices;
using Volara.Runtime.Engine;
using Volara.Runtime.Dsl.Description;

namespace Volara.Workers;

/// <summary>
/// The worker side of process execution. A program that runs blockwise tasks in worker processes calls
/// <see cref="TryRun"/> first thing in <c>Main</c>: the driver launches workers as that same program, so
/// tasks defined in the program's own assemblies are found by the <see cref="TaskRegistry"/>.
/// <code>if (WorkerEntry.TryRun(args, out var exitCode)) return exitCode;</code>
/// </summary>
public static class WorkerEntry
{
    /// <summary>The first argument of a worker invocation.</summary>
    public const string Flag = "--volara-worker";

    /// <summary>Exit code when the worker cannot start (bad arguments, configuration, processor creation).</summary>
    public const int StartupFailedExitCode = 3;

    /// <summary>Exit code when the connection to the driver is lost.</summary>
    public const int DriverLostExitCode = 4;

    /// <summary>True when <paramref name="args"/> is a worker invocation.</summary>
    public static bool IsWorkerInvocation(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Flag;

    /// <summary>
    /// Runs this process as a worker when <paramref name="args"/> starts with <see cref="Flag"/>, returning true
    /// and the exit code once the driver has no more blocks; otherwise returns false after making
    /// <see cref="Volara.Runtime.Engine.Running.ExecutionMode.Processes"/> available to the Runner
    /// (<see cref="ProcessExecutor.RegisterWithRunner"/>), unless another process executor was registered.
    /// </summary>
    public static bool TryRun(string[] args, out int exitCode) => TryRun(args, TaskRegistry.Default, out exitCode);

    /// <summary>As <see cref="TryRun(string[], out int)"/>, rebuilding the task through the given registry.</summary>
    public static bool TryRun(string[] args, TaskRegistry registry, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!IsWorkerInvocation(args))
        {
            // The driver side of the same program: let the Runner start worker processes (of this program).
            ProcessExecutor.RegisterWithRunner();
            exitCode = 0;
            return false;
        }

        exitCode = Run(args.AsSpan(1).ToArray(), registry);
        return true;
    }

    private static int Run(string[] workerArguments, TaskRegistry registry)
    {
        WorkerContext context;
        IBlockwiseTask task;
        try
        {
            context = WorkerContext.Parse(workerArguments, Environment.GetEnvironmentVariable);

            // Consumed: a pipeline this worker runs itself (nested) must not look like a worker that skipped the entry.
            foreach (var variable in context.ToEnvironment().Keys)
            {
                Environment.SetEnvironmentVariable(variable, null);
            }

            task = registry.Load(TaskPaths.ConfigFile(context.LogDirectory, context.TaskName));
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"volara worker: cannot start: {error.Message}");
            return StartupFailedExitCode;
        }

        if (task.Name != context.TaskName)
        {
            Console.Error.WriteLine($"volara worker: configuration names task '{task.Name}', expected '{context.TaskName}'");
            return StartupFailedExitCode;
        }

        // Ctrl-C in a terminal reaches every process of the group. The driver decides when workers end (it
        // kills them when the run is cancelled, and they leave by themselves when it is gone), so a worker
        // ignores the interrupt instead of dying with blocks in hand.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => signal.Cancel = true);
        return WorkerSession.Run(context, task, Console.Error);
    }
}
