using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Volara.Analyzers;

/// <summary>
/// One port of one task created in code, bound to a dataset whose store path is known at compile time (<see cref="StorePath"/>):
/// <c>new Task { InData = new Raw { Store = "in.zarr/raw" } }</c> (or the typed dataset built around it, or a local
/// initialised with either).
/// </summary>
internal sealed class DatasetUse
{
    private DatasetUse(IObjectCreationOperation task, IPropertySymbol port, bool isOutput, string store, ITypeSymbol elementType, IOperation value)
    {
        Task = task;
        Port = port;
        IsOutput = isOutput;
        Store = store;
        ElementType = elementType;
        Value = value;
    }

    public IObjectCreationOperation Task { get; }

    public IPropertySymbol Port { get; }

    public bool IsOutput { get; }

    public string Store { get; }

    public ITypeSymbol ElementType { get; }

    /// <summary>The assigned value, where diagnostics about this use are reported.</summary>
    public IOperation Value { get; }

    public string TaskName => Task.Type?.Name ?? "?";

    /// <summary>The use <paramref name="assignment"/> makes of a port, or null when it is no port or its store is not known at compile time.</summary>
    public static DatasetUse? From(IObjectCreationOperation task, ISimpleAssignmentOperation assignment, DslTypes types)
    {
        if (assignment.Target is not IPropertyReferenceOperation { Property: var port }
            || Volara.Generators.Rules.PortRules.ElementTypeOf(port.Type) is not { } elementType)
        {
            return null;
        }

        bool isOutput = types.HasAttribute(port, types.OutputAttribute);
        if (!isOutput && !types.HasAttribute(port, types.InputAttribute))
        {
            return null;
        }

        return StoreOf(assignment.Value) is { } store ? new DatasetUse(task, port, isOutput, store, elementType, assignment.Value) : null;
    }

    private static string? StoreOf(IOperation value) =>
        DatasetCreation.Of(value) is { } creation && DatasetCreation.Member(creation, "Store") is { } store ? StorePath.Of(store) : null;
}
