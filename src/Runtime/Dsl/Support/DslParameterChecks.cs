using System.Collections;
using System.ComponentModel;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Dsl.Support;

/// <summary>
/// What generated validation calls for <see cref="OffsetsOfAttribute"/> and <see cref="EdgeAttributesOfAttribute"/>
/// parameters: their values checked against the configured neighbourhood and graph database.
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
                throw new ArgumentException(
                    $"task '{taskName}': {field} names offset {offset}, which is not in the neighborhood of {affinitiesField} '{affinities.Store}' ([{string.Join(", ", neighborhood)}])");
            }
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
                throw new ArgumentException(
                    $"task '{taskName}': {field} names edge attribute '{key}', but {databaseField} declares only [{string.Join(", ", declared.Keys)}] in edge_attrs");
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
