namespace Volara.Runtime.Engine;

/// <summary>What a worker process holds before its first block.</summary>
public static class WorkerProcessMemory
{
    /// <summary>
    /// The runtime, the loaded assemblies, gRPC and a database client: 60–80 MiB measured for the workers of the
    /// built-in tasks whose blocks hold little (graph-mws, relabel).
    /// </summary>
    public const long BaselineBytes = 64L << 20;
}
