using System.Text.Json.Nodes;
using Volara.Runtime.Engine.Pipelines;

namespace Volara.Runtime.Engine;

/// <summary>
/// A convenient base for tasks: implements <see cref="IBlockwiseTask"/> with no-op defaults and gives tasks
/// the pipeline operators (<c>a + b</c>, <c>a | b</c>).
/// </summary>
public abstract class BlockwiseTaskBase : IBlockwiseTask
{
    public abstract string Name { get; }

    public abstract BlockLayout Layout { get; }

    public virtual ExecutionOptions Execution { get; init; } = new();

    /// <inheritdoc/>
    [System.Text.Json.Serialization.JsonIgnore]
    public virtual IReadOnlyList<DatasetPort> DatasetPorts => [];

    /// <inheritdoc/>
    public virtual IReadOnlyList<string> MissingOutputs() => [];

    /// <inheritdoc/>
    public virtual string? ConfigDefault(string field) => null;

    public virtual void Init()
    {
    }

    public abstract IBlockProcessor CreateProcessor(int worker);

    public virtual void DropArtifacts()
    {
    }

    /// <summary>Null by default: the task runs in-process only. Described tasks return their configuration.</summary>
    public virtual JsonObject? ToConfig() => null;

    public static Pipeline operator +(BlockwiseTaskBase upstream, BlockwiseTaskBase downstream) => Pipeline.Of(upstream) + Pipeline.Of(downstream);

    public static Pipeline operator |(BlockwiseTaskBase left, BlockwiseTaskBase right) => Pipeline.Of(left) | Pipeline.Of(right);

    public override string ToString() => $"{GetType().Name}({Name})";
}
