using Volara.Runtime.Engine;

namespace Volara.Workers;

/// <summary>Worker processes on this machine, started by the driver (the default when a task names no worker config).</summary>
[WorkerType("local")]
public sealed record LocalWorkers : WorkerConfig;
