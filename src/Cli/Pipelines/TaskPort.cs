using System.Reflection;
using Volara.Runtime.Datasets;

namespace Volara.Cli.Pipelines;

/// <summary>A dataset a task reads or writes, with the field that configures it.</summary>
/// <param name="Field">The configuration field (snake_case or its JSON name).</param>
/// <param name="ElementType">The element type the task processes (DSL ports), else null.</param>
/// <param name="Requires">The element kinds the stored data must have (DSL inputs), else <c>Any</c>.</param>
public sealed record TaskPort(string Field, PropertyInfo Property, Dataset Dataset, bool IsOutput, Type? ElementType, Runtime.Dsl.ElementKinds Requires)
{
    /// <summary>The store with separators normalised, for comparing who writes what.</summary>
    public string StoreKey => Runtime.Engine.DatasetPort.KeyOf(Dataset.Store);
}
