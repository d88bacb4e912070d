namespace Volara.Runtime.Graphs;

/// <summary>A declared node or edge attribute: its column name and type.</summary>
public readonly record struct GraphAttribute(string Name, GraphAttributeType Type);
