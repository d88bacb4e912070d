using System.Collections;
using System.ComponentModel;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// What generated validation calls for <see cref="OffsetsOfAttribute"/>, <see cref="PerOffsetAttribute"/> and
/// <see cref="EdgeAttributesOfAttribute"/> parameters: their values checked against the configured (or stored)
/// neighbourhood and graph database, before anything is created.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DslParameterChecks
{
    /// <summary>
    /// Every offset in <paramref name="value"/> (an offset, a list of them, lists of lists, or a dictionary whose values are
    /// such) must be an offset of the neighbourhood of <paramref name="affinities"/>; nothing is checked when either is null.
    /// </summary>
    public static void RequireOffsetsIn(string taskName, string field, object? value, string affinitiesField, Datasets.Affs? affinities)
    {
        if (value is null || affinities is null)
        {
            return;
        }

        var neighborhood = affinities.Resolved().Neighborhood ?? [];
        var offsets = new List<Coordinate>();
        CollectOffsets(value, offsets);
        foreach (var offset in offsets)
        {
            if (!neighborhood.Contains(offset))
            {
                throw new Engine.TaskFieldException(taskName, field,
                    $"{field} names offset {offset}, which is not in the neighborhood of {affinitiesField} '{affinities.Store}' ([{string.Join(", ", neighborhood)}])");
            }
        }
    }

    /// <summary>
    /// A per-offset parameter (a bias, strides) must have one value per offset of the neighbourhood of
    /// <paramref name="affinities"/> — the configured one, or the one stored with an existing array; nothing is checked
    /// when either is null.
    /// </summary>
    public static void RequireOnePerOffset(string taskName, string field, int? count, string affinitiesField, Datasets.Affs? affinities)
    {
        if (count is null || affinities is null)
        {
            return;
        }

        var neighborhood = affinities.Resolved().Neighborhood ?? [];
        if (!Rules.NeighborhoodRules.PerOffsetLengthMatches(neighborhood.Count, count.Value))
        {
            throw new Engine.TaskFieldException(taskName, field,
                $"{field} has {count} values, but it needs one per offset of the neighborhood of {affinitiesField} '{affinities.Store}', which has {neighborhood.Count} ([{string.Join(", ", neighborhood)}])");
        }
    }

    /// <summary>A per-offset parameter must have as many values as the neighbourhood list it names has offsets.</summary>
    public static void RequireOnePerOffset(string taskName, string field, int? count, string neighborhoodField, int? offsets)
    {
        if (count is not null && offsets is not null && !Rules.NeighborhoodRules.PerOffsetLengthMatches(offsets.Value, count.Value))
        {
            throw new Engine.TaskFieldException(taskName, field,
                $"{field} has {count} values, but it needs one per offset of {neighborhoodField}, which has {offsets}");
        }
    }

    /// <summary>
    /// Every name in <paramref name="keys"/> must be an edge attribute the database declares; a database that declares
    /// none (null) is not checked, since its attributes are only known when it is opened.
    /// </summary>
    public static void RequireEdgeAttributes(string taskName, string field, IEnumerable<string>? keys, string databaseField, IReadOnlyDictionary<string, string>? declared)
    {
        if (keys is null || declared is null)
        {
            return;
        }

        foreach (var key in keys)
        {
            if (!declared.ContainsKey(key))
            {
                throw new Engine.TaskFieldException(taskName, field,
                    $"{field} names edge attribute '{key}', but {databaseField} declares only [{string.Join(", ", declared.Keys)}] in edge_attrs");
            }
        }
    }

    /// <summary>The keys of a dictionary parameter.</summary>
    public static IEnumerable<string>? KeysOf<TValue>(IEnumerable<KeyValuePair<string, TValue>>? pairs)
    {
        if (pairs is null)
        {
            return null;
        }

        var keys = new List<string>();
        foreach (var pair in pairs)
        {
            keys.Add(pair.Key);
        }

        return keys;
    }

    /// <summary>The names of a list parameter.</summary>
    public static IEnumerable<string>? KeysOf(IEnumerable<string>? names) => names;

    private static void CollectOffsets(object? value, List<Coordinate> offsets)
    {
        switch (value)
        {
            case null:
            case string:
                return;
            case Coordinate offset:
                offsets.Add(offset);
                return;
            case IEnumerable<int> values:
                offsets.Add(new Coordinate(values.Select(v => (long)v)));
                return;
            case IEnumerable<long> values:
                offsets.Add(new Coordinate(values));
                return;
            case IDictionary dictionary:
                foreach (var entry in dictionary.Values)
                {
                    CollectOffsets(entry, offsets);
                }

                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    CollectOffsets(item, offsets);
                }

                return;
        }
    }
}
