using Volara.Workers;

// Acts as a worker when launched as one; other modes are added by the tests that need a driver process.
if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

Console.Error.WriteLine("usage: Volara.TestWorker --volara-worker ...");
return 2;
