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
    /// Where worker processes run in <see cref="Running.ExecutionMode.Processes"/> (volara's <c>worker_config</c>):
    /// null runs them on this machine; the worker-process layer defines the cluster kinds (Slurm, LSF).
    /// </summary>
    [JsonPropertyName("worker_config")]
    [JsonConverter(typeof(WorkerConfigJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WorkerConfig? Workers { get; init; }
}
