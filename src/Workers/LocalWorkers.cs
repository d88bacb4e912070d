using Volara.Runtime.Engine;

namespace Volara.Workers;

/// <summary>Worker processes on this machine, started by the driver (the default when a task names no worker config).</summary>
[WorkerType("local")]
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record LocalWorkers : WorkerConfig;
