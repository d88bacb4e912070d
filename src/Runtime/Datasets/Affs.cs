using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Datasets;

/// <summary>
/// Affinities: channel i holds the affinity to the neighbour at offset <c>Neighborhood[i]</c>. The neighbourhood is
/// stored as the <c>neighborhood</c> attribute; see <see cref="Resolved"/> for how a description and an existing array
/// must agree.
/// </summary>
[Volara.Runtime.Serialization.JsonContract]
public sealed partial record Affs : Dataset
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("neighborhood")]
    public IReadOnlyList<Coordinate>? Neighborhood { get; init; }

    /// <summary><c>{"neighborhood": [[...], ...]}</c> of the resolved neighbourhood.</summary>
    public override JsonObject Attrs
    {
        get
        {
            var neighborhood = new JsonArray();
            foreach (var offset in Resolved().Neighborhood!)
            {
                var entry = new JsonArray();
                for (var i = 0; i < offset.Dims; i++)
                {
                    entry.Add((JsonNode)offset.ValueAt(i));
                }

                neighborhood.Add((JsonNode)entry);
            }

            return new JsonObject { ["neighborhood"] = neighborhood };
        }
    }

    /// <summary>
    /// volara's neighbourhood resolution: a missing array needs a given neighbourhood; an existing array's
    /// <c>neighborhood</c> attribute is adopted when none is given and must equal a given one; an existing array without
    /// the attribute needs a given one. Throws <see cref="InvalidDatasetException"/> otherwise.
    /// </summary>
    public Affs Resolved()
    {
        if (!ZarrArray.Exists(Store))
        {
            return Neighborhood is not null
                ? this
                : throw new InvalidDatasetException($"neighborhood must be provided when referencing an array that does not yet exist ('{Store}')");
        }

        var stored = ReadStoredNeighborhood();
        if (stored is null)
        {
            return Neighborhood is not null
                ? this
                : throw new InvalidDatasetException($"array '{Store}' has no neighborhood attribute, so a neighborhood must be provided");
        }

        if (Neighborhood is null)
        {
            return this with { Neighborhood = stored };
        }

        if (!Neighborhood.SequenceEqual(stored))
        {
            throw new InvalidDatasetException(
                $"neighborhood [{string.Join(", ", Neighborhood)}] does not match the neighborhood [{string.Join(", ", stored)}] stored with '{Store}'");
        }

        return this;
    }

    public bool Equals(Affs? other) => base.Equals(other) && SameSequence(Neighborhood, other.Neighborhood);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Neighborhood?.Count);

    private List<Coordinate>? ReadStoredNeighborhood()
    {
        if (ZarrArray.Open(Store).Attributes["neighborhood"] is not { } node)
        {
            return null;
        }

        if (node is not JsonArray offsets)
        {
            throw new InvalidDatasetException($"neighborhood attribute of '{Store}' is not a list: {node.ToJsonString()}");
        }

        var neighborhood = new List<Coordinate>(offsets.Count);
        foreach (var offset in offsets)
        {
            if (offset is not JsonArray values)
            {
                throw new InvalidDatasetException($"neighborhood attribute of '{Store}' holds a non-list entry: {offset?.ToJsonString() ?? "null"}");
            }

            neighborhood.Add(new Coordinate(values.Select(value => value!.GetValue<long>())));
        }

        return neighborhood;
    }
}
