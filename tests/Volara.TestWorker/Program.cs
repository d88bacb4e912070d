using Volara.TestWorker;
using Volara.Workers;

// Acts as a worker when launched as one (the first thing a program with process workers does).
if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

// Otherwise it is a driver that runs a small pipeline through the Runner, for tests that kill the driver.
// "forgetful-drive" stands for a program that never calls the worker entry: used as a worker command, each
// worker would start a driver of its own.
return args switch
{
    ["drive", ..] => DriverMode.Run(args[1..]),
    ["forgetful-drive", var logDirectory, ..] => DriverMode.RunNoOp(logDirectory),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Volara.TestWorker drive <log-dir> <output.zarr> <started-dir> <sleep-ms>");
    Console.Error.WriteLine("       Volara.TestWorker --volara-worker ...");
    return 2;
}
