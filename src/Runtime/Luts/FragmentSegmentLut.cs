namespace Volara.Runtime.Luts;

/// <summary>
/// The content of a look-up table: volara's 2×N <c>fragment_segment_lut</c> array, row 0 the fragment ids and
/// row 1 the segment each fragment belongs to. Ids are exact unsigned 64-bit values.
/// </summary>
public sealed class FragmentSegmentLut
{
    /// <summary>A table from two equally long rows (the arrays are used as given, not copied).</summary>
    public FragmentSegmentLut(ulong[] fragments, ulong[] segments)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        ArgumentNullException.ThrowIfNull(segments);
        if (fragments.Length != segments.Length)
        {
            throw new ArgumentException($"a look-up table needs as many segments as fragments: {fragments.Length} fragments, {segments.Length} segments");
        }

        Fragments = fragments;
        Segments = segments;
    }

    /// <summary>The empty table (2×0): every id passes through.</summary>
    public static FragmentSegmentLut Empty { get; } = new([], []);

    /// <summary>Row 0: fragment ids.</summary>
    public ulong[] Fragments { get; }

    /// <summary>Row 1: the segment of the fragment in the same column.</summary>
    public ulong[] Segments { get; }

    /// <summary>Number of columns (fragment → segment pairs).</summary>
    public int Count => Fragments.Length;

    /// <summary>volara's <c>LUTS.load</c>: the columns of every table, in order.</summary>
    public static FragmentSegmentLut Concatenate(IEnumerable<FragmentSegmentLut> tables)
    {
        var fragments = new List<ulong>();
        var segments = new List<ulong>();
        foreach (var table in tables)
        {
            fragments.AddRange(table.Fragments);
            segments.AddRange(table.Segments);
        }

        return new FragmentSegmentLut([.. fragments], [.. segments]);
    }

    /// <summary>
    /// volara's <c>LUTS.load_iterated</c> step: this table's segments mapped through <paramref name="next"/>
    /// (segments <paramref name="next"/> does not list keep their id).
    /// </summary>
    public FragmentSegmentLut Then(FragmentSegmentLut next)
    {
        var mapped = new ulong[Count];
        LutLookup.Build(next).Map(Segments, mapped);
        return new FragmentSegmentLut((ulong[])Fragments.Clone(), mapped);
    }
}
