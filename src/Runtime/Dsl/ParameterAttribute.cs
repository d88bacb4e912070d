namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a setting that is part of the task's configuration (serialised in snake_case, or under its
/// <c>[JsonPropertyName]</c>). <c>Process</c> reads it as an ordinary property.
/// </summary>
/// <remarks>
/// A parameter holding an untyped dataset (<c>Raw</c>, <c>Labels</c>, …) is one the task opens itself, in its own
/// shape; it is read unless <see cref="Writes"/> says the task writes it. Either way it takes part in the pipeline's
/// data-flow checks like an <c>[Input]</c> or <c>[Output]</c>. A parameter holding a result kept outside the arrays
/// (<c>IStoredResult</c>: a graph database, a look-up table) and marked <see cref="Writes"/> is an output too: done
/// blocks no longer stand once it is gone.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ParameterAttribute : Attribute
{
    /// <summary>The dataset (or stored result) this parameter holds is written by the task (created in its <c>OnInit</c>).</summary>
    public bool Writes { get; init; }
}
