using System.Text.Json.Nodes;

namespace Volara.Runtime.Engine;

/// <summary>
/// The engine's task contract. Tasks are plain configuration objects; the engine creates a processor per
/// worker and hands it blocks. A task that can run in worker processes is serialisable: its configuration
/// (<see cref="ToConfig"/>) is enough to rebuild it in another process, where its <c>task_type</c> finds the class's
/// registered descriptor.
/// </summary>
public interface IBlockwiseTask
{
    /// <summary>Unique within a pipeline; names the progress line, the log and meta directories.</summary>
    string Name { get; }

    /// <summary>The block geometry.</summary>
    BlockLayout Layout { get; }

    /// <summary>
    /// The datasets the task reads and writes (generated for DSL tasks); the runner checks them across the pipeline
    /// before anything is created. Empty when the task does not say.
    /// </summary>
    IReadOnlyList<DatasetPort> DatasetPorts => [];

    /// <summary>
    /// The results the task writes outside its arrays (a graph database, a look-up table) that are gone, one phrase
    /// each, such as <c>db 'graph.sqlite'</c> (generated for DSL tasks). Done blocks over a missing result no longer stand.
    /// </summary>
    IReadOnlyList<string> MissingOutputs() => [];

    /// <summary>
    /// The default of configuration field <paramref name="field"/> as JSON text, where the class declares one
    /// (generated for DSL tasks): a record written before the field existed stands for that value.
    /// </summary>
    string? ConfigDefault(string field) => null;

    /// <summary>Workers, retries and timeouts.</summary>
    ExecutionOptions Execution { get; }

    /// <summary>Runs once in the driver before any block: creates outputs (arrays, tables).</summary>
    void Init();

    /// <summary>Runs once per worker: opens what the blocks need.</summary>
    /// <param name="worker">
    /// This worker's number, unique among the task's workers in the run (a restarted worker gets a new one): what a task
    /// that gives each worker its own resource (Predict: one GPU per worker) picks it by.
    /// </param>
    IBlockProcessor CreateProcessor(int worker);

    /// <summary>Deletes the task's outputs.</summary>
    void DropArtifacts();

    /// <summary>
    /// The task's configuration as JSON, including <c>task_type</c>; null when the task cannot leave this
    /// process (e.g. it wraps a delegate), which restricts it to in-process execution.
    /// </summary>
    JsonObject? ToConfig();
}
