using System.Text.Json.Serialization;

namespace Volara.Runtime.Engine;

/// <summary>How a task's blocks are executed.</summary>
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record ExecutionOptions
{
    /// <summary>Workers (threads or processes) for this task.</summary>
    public int NumWorkers { get; init; } = 1;

    /// <summary>A block may fail this many times and be retried; the next failure is permanent.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>A block running longer than this is failed (and its worker replaced); null = no limit.</summary>
    public TimeSpan? BlockTimeout { get; init; }

    /// <summary>
    /// The most decoded chunks (MiB) a worker may keep for the next blocks' context reads (<see cref="ChunkCacheBudget"/>):
    /// it keeps what one block's read region needs if that fits; null or 0 (the default): none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ChunkCacheMb { get; init; }

    /// <summary>
    /// Where worker processes run in <see cref="Running.ExecutionMode.Processes"/> (volara's <c>worker_config</c>):
    /// null runs them on this machine; the worker-process layer defines the cluster kinds (Slurm, LSF).
    /// </summary>
    [JsonPropertyName("worker_config")]
    [JsonConverter(typeof(WorkerConfigJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WorkerConfig? Workers { get; init; }

    /// <summary>What keeps these options from running, by configuration field; empty when they can run.</summary>
    public IEnumerable<(string Field, string Problem)> Problems()
    {
        if (NumWorkers < 1)
        {
            yield return ("num_workers", $"num_workers must be at least 1, not {NumWorkers}");
        }

        if (MaxRetries < 0)
        {
            yield return ("max_retries", $"max_retries must be 0 or more, not {MaxRetries}");
        }

        if (ChunkCacheMb < 0)
        {
            yield return ("chunk_cache_mb", $"chunk_cache_mb must be 0 or more, not {ChunkCacheMb}");
        }

        if (BlockTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            yield return ("block_timeout", $"block_timeout must be a positive number of seconds, not {timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Throws <see cref="TaskFieldException"/> for the first problem of a task's options.</summary>
    public void Require(string taskName)
    {
        foreach (var (field, problem) in Problems())
        {
            throw new TaskFieldException(taskName, $"execution/{field}", $"execution: {problem}");
        }
    }
}
