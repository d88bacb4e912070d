using System.Text.Json.Serialization;

namespace Volara.Runtime.Engine;

/// <summary>
/// Where a task's worker processes run (volara's <c>worker_config</c>): on this machine, or as jobs of a cluster
/// scheduler. The engine only carries it (in <see cref="ExecutionOptions.Workers"/> and the task's
/// <c>config.json</c>); the worker-process layer decides how to launch each kind. A derived class is marked with
/// <see cref="WorkerTypeAttribute"/>, whose name is written as <c>worker_type</c> beside its fields.
/// </summary>
public abstract record WorkerConfig
{
    /// <summary>The <c>worker_type</c> of this configuration.</summary>
    [JsonIgnore]
    public string WorkerType => WorkerConfigTypes.NameOf(GetType());
}
