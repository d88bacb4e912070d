using System.Net;

namespace Volara.Workers;

/// <summary>How the <see cref="ProcessExecutor"/> serves and starts its workers.</summary>
public sealed record ProcessExecutorOptions
{
    /// <summary>The program workers run; null = the current program (<see cref="WorkerCommand.CurrentProgram"/>).</summary>
    public WorkerCommand? WorkerCommand { get; init; }

    /// <summary>
    /// The environment variable that overrides <see cref="AdvertisedHost"/>: the host name or IP address of the driver
    /// as cluster nodes reach it.
    /// </summary>
    public const string DriverAddressVariable = "VOLARA_DRIVER_ADDRESS";

    /// <summary>
    /// The address the driver listens on (plain-text HTTP/2); null is loopback, or every interface when a task
    /// runs its workers on a cluster.
    /// </summary>
    public IPAddress? ListenAddress { get; init; }

    /// <summary>The port the driver listens on; 0 = a free port.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The host name workers connect to; null = <c>VOLARA_DRIVER_ADDRESS</c> when set, else the listen address (or
    /// this host's name when listening on all addresses).
    /// </summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>Worker deaths tolerated per task, as a multiple of its worker count, before its remaining blocks are failed.</summary>
    public int RestartsPerWorker { get; init; } = 3;

    /// <summary>
    /// A local worker that has not connected this long after its start is killed (and counts as died); cluster
    /// workers have their own (<see cref="Cluster.ClusterWorkers.ConnectTimeout"/>), since jobs may wait in a queue.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long workers told to shut down get to exit before they are killed.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(5);
}
