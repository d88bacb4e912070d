namespace Volara.Runtime.Engine;

/// <summary>What a worker process holds before its first block.</summary>
public static class WorkerProcessMemory
{
    /// <summary>
    /// The runtime, the loaded assemblies, gRPC and a database client: 80–130 MiB measured for the built-in tasks'
    /// workers, rounded up.
    /// </summary>
    public const long BaselineBytes = 128L << 20;
}
