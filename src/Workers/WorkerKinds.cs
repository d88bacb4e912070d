using System.Runtime.CompilerServices;
using Volara.Runtime.Engine;
using Volara.Workers.Cluster;

namespace Volara.Workers;

/// <summary>Registers the worker kinds this assembly defines by <c>worker_type</c> when it loads.</summary>
internal static class WorkerKinds
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "A worker_type must be known as soon as the assembly that defines it is in use, before any configuration is read.")]
    internal static void Register()
    {
        WorkerConfigTypes.Register(typeof(LocalWorkers));
        WorkerConfigTypes.Register(typeof(SlurmWorkers));
        WorkerConfigTypes.Register(typeof(LsfWorkers));
    }
}
