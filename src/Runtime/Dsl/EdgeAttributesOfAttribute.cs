namespace Volara.Runtime.Dsl;

/// <summary>
/// Marks a <c>[Parameter]</c> whose keys (a dictionary's keys, or a list of names) must be edge attributes the graph
/// database declares in its <c>EdgeAttrs</c>, naming the database property: <c>[Parameter, EdgeAttributesOf(nameof(Db))]</c>
/// (GraphMWS's weights). The generated validation checks it when the database property's type has an <c>EdgeAttrs</c>
/// dictionary; the analyzers check keys given as constants.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class EdgeAttributesOfAttribute(string database) : Attribute
{
    /// <summary>The name of the task's graph database property.</summary>
    public string Database { get; } = database;
}
