using System.Text.RegularExpressions;

namespace Volara.Runtime.Graphs;

/// <summary>
/// The resolved attributes of a graph: volara's defaults merged with the declared ones (a declared attribute with a
/// default's name replaces its type). Node positions are not among <see cref="NodeAttributes"/>; they are the
/// <c>position</c> vector of <see cref="Dims"/> floats every node has.
/// </summary>
public sealed partial class GraphSchema
{
    /// <summary>The attribute holding node positions (funlib's <c>position_attribute</c>).</summary>
    public const string PositionAttribute = "position";

    private GraphSchema(int dims, IReadOnlyList<GraphAttribute> nodeAttributes, IReadOnlyList<GraphAttribute> edgeAttributes)
    {
        Dims = dims;
        NodeAttributes = nodeAttributes;
        EdgeAttributes = edgeAttributes;
    }

    /// <summary>Number of position coordinates per node.</summary>
    public int Dims { get; }

    /// <summary>Node attributes besides the position: <c>size: int</c>, <c>filtered: bool</c>, then the declared ones.</summary>
    public IReadOnlyList<GraphAttribute> NodeAttributes { get; }

    /// <summary>Edge attributes: <c>distance: float</c>, then the declared ones.</summary>
    public IReadOnlyList<GraphAttribute> EdgeAttributes { get; }

    /// <summary>Merges volara's default attributes with declared ones (name → type spec, see <see cref="GraphAttributeType.Parse"/>).</summary>
    public static GraphSchema Create(int dims, IReadOnlyDictionary<string, string>? nodeAttrs, IReadOnlyDictionary<string, string>? edgeAttrs)
    {
        if (dims < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dims), dims, "a graph needs at least one position dimension");
        }

        var nodes = Merge(
            "node_attrs",
            [new(PositionAttribute, new GraphAttributeType(GraphValueKind.Float, dims)), new("size", new GraphAttributeType(GraphValueKind.Int)), new("filtered", new GraphAttributeType(GraphValueKind.Bool))],
            nodeAttrs);
        var position = nodes[0];
        if (position.Type != new GraphAttributeType(GraphValueKind.Float, dims))
        {
            throw new ArgumentException($"node_attrs: '{PositionAttribute}' must be Vec(float, {dims}) (ndim {dims}), not {position.Type}", nameof(nodeAttrs));
        }

        var edges = Merge("edge_attrs", [new("distance", new GraphAttributeType(GraphValueKind.Float))], edgeAttrs);
        foreach (var edge in edges)
        {
            if (edge.Name is "u" or "v")
            {
                throw new ArgumentException($"edge_attrs: '{edge.Name}' is the name of an edge endpoint column", nameof(edgeAttrs));
            }
        }

        if (nodes.Exists(n => n.Name == "id"))
        {
            throw new ArgumentException("node_attrs: 'id' is the name of the node id column", nameof(nodeAttrs));
        }

        return new GraphSchema(dims, nodes[1..], edges);
    }

    /// <summary>The index of a node attribute, or -1.</summary>
    public int NodeAttributeIndex(string name) => IndexOf(NodeAttributes, name);

    /// <summary>The index of an edge attribute, or -1.</summary>
    public int EdgeAttributeIndex(string name) => IndexOf(EdgeAttributes, name);

    /// <summary>The node attributes in metadata form (name → type text), position included.</summary>
    public IReadOnlyList<GraphAttribute> NodeAttributesWithPosition() =>
        [new(PositionAttribute, new GraphAttributeType(GraphValueKind.Float, Dims)), .. NodeAttributes];

    /// <summary>True when both schemas declare the same attributes with the same types (order ignored).</summary>
    public bool SameAttributes(GraphSchema other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Dims == other.Dims && SameSet(NodeAttributes, other.NodeAttributes) && SameSet(EdgeAttributes, other.EdgeAttributes);
    }

    /// <summary>Text form for error messages: <c>ndim 3, nodes {size: int, …}, edges {distance: float, …}</c>.</summary>
    public override string ToString() =>
        $"ndim {Dims}, nodes {{{string.Join(", ", NodeAttributes.Select(a => $"{a.Name}: {a.Type}"))}}}, edges {{{string.Join(", ", EdgeAttributes.Select(a => $"{a.Name}: {a.Type}"))}}}";

    private static List<GraphAttribute> Merge(string field, GraphAttribute[] defaults, IReadOnlyDictionary<string, string>? declared)
    {
        var merged = new List<GraphAttribute>(defaults);
        if (declared is null)
        {
            return merged;
        }

        foreach (var (name, spec) in declared)
        {
            if (!IdentifierPattern().IsMatch(name))
            {
                throw new ArgumentException($"{field}: attribute name '{name}' is not a plain identifier (letters, digits, '_')");
            }

            GraphAttributeType type;
            try
            {
                type = GraphAttributeType.Parse(spec);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"{field}: attribute '{name}': {e.Message}", e);
            }

            var index = merged.FindIndex(a => a.Name == name);
            if (index >= 0)
            {
                merged[index] = new GraphAttribute(name, type);
            }
            else
            {
                merged.Add(new GraphAttribute(name, type));
            }
        }

        return merged;
    }

    private static int IndexOf(IReadOnlyList<GraphAttribute> attributes, string name)
    {
        for (var i = 0; i < attributes.Count; i++)
        {
            if (attributes[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool SameSet(IReadOnlyList<GraphAttribute> a, IReadOnlyList<GraphAttribute> b) =>
        a.Count == b.Count && a.All(x => b.Contains(x));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
