namespace Volara.Runtime.Engine;

/// <summary>What a worker process holds before its first block.</summary>
public static class WorkerProcessMemory
{
    /// <summary>
    /// The runtime, the loaded assemblies, gRPC and a database client: the peak of a graph-mws worker, whose blocks hold
    /// almost nothing, was 77–79 MiB in the 113-Mvox scale runs, and a relabel worker's 92–96 MiB with its blocks.
    /// </summary>
    public const long BaselineBytes = 78L << 20;
}
