using Volara.TestWorker;
using Volara.Workers;

// Acts as a worker when launched as one (the first thing a program with process workers does).
if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

// Otherwise it is a driver that runs a small pipeline through the Runner, for tests that kill the driver.
return args is ["drive", ..] ? DriverMode.Run(args[1..]) : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: Volara.TestWorker drive <log-dir> <output.zarr> <started-dir> <sleep-ms>");
    Console.Error.WriteLine("       Volara.TestWorker --volara-worker ...");
    return 2;
}
