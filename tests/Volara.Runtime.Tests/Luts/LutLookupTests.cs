using Volara.Runtime.Luts;
using Xunit;

namespace Volara.Runtime.Tests.Luts;

/// <summary>The relabel cases of volara's test_relabel.py, against a dictionary relabel written here.</summary>
public sealed class LutLookupTests
{
    private static ulong[] Reference(ulong[] values, ulong[] fragments, ulong[] segments)
    {
        var map = new Dictionary<ulong, ulong>();
        for (int i = 0; i < fragments.Length; i++)
        {
            map[fragments[i]] = segments[i];
        }

        return values.Select(v => map.TryGetValue(v, out var s) ? s : v).ToArray();
    }

    private static ulong[] Map(ulong[] values, ulong[] fragments, ulong[] segments)
    {
        var output = new ulong[values.Length];
        LutLookup.Build(new FragmentSegmentLut(fragments, segments)).Map(values, output);
        return output;
    }

    public static TheoryData<ulong[], ulong[], ulong[]> Cases => new()
    {
        { [1, 2, 3, 99], [1, 2], [10, 20] },            // unmapped ids pass through
        { [0, 0, 1, 0], [1], [5] },                     // background unmapped
        { [0, 0, 1, 0], [0, 1], [7, 5] },               // background mapped
        { [3, 1, 2, 3, 3], [3, 1, 2], [30, 10, 20] },   // unsorted table
        { [5, 6], Enumerable.Range(1, 20).Select(i => (ulong)i).ToArray(), Enumerable.Range(1, 20).Select(i => (ulong)i * 100).ToArray() },
        { [1, 2, 3], [10, 11], [1, 2] },                // all ids below the table
        { [100, 200], [10, 11], [1, 2] },               // all ids above the table
        { [4, 5, 6], [], [] },                          // empty table: identity
        { [(1UL << 63) + 1, (1UL << 63) + 2, 1UL << 63], [(1UL << 63) + 1, (1UL << 63) + 2], [(1UL << 63) + 10, (1UL << 63) + 20] },
        { [ulong.MaxValue, ulong.MaxValue - 1, 3], [ulong.MaxValue, ulong.MaxValue - 1], [1, 2] },   // the hash map's empty marker moves
        { [1, 1, 2, 2, 1], [1, 1], [5, 6] },            // duplicate fragment: the later column wins
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesADictionaryRelabel(ulong[] values, ulong[] fragments, ulong[] segments) =>
        Assert.Equal(Reference(values, fragments, segments), Map(values, fragments, segments));

    [Fact]
    public void SparseTableOverALargeVolumeMatchesTheReference()
    {
        var random = new Random(1);
        var fragments = Enumerable.Range(0, 8000).Select(_ => (ulong)random.NextInt64(0, 100_000)).ToArray();
        var segments = fragments.Select(_ => (ulong)random.NextInt64()).ToArray();
        // Runs of equal ids, as in real fragments, and isolated ids, to exercise the run cache both ways.
        var values = new ulong[20 * 30 * 40];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(3) == 0 && i > 0 ? values[i - 1] : (ulong)random.NextInt64(0, 100_000);
        }

        Assert.Equal(Reference(values, fragments, segments), Map(values, fragments, segments));
    }

    [Fact]
    public void MapsInPlace()
    {
        ulong[] values = [1, 2, 3];
        LutLookup.Build(new FragmentSegmentLut([1, 3], [10, 30])).Map(values, values);
        Assert.Equal([10UL, 2, 30], values);
    }

    [Fact]
    public void CountsDistinctFragments() =>
        Assert.Equal(2, LutLookup.Build(new FragmentSegmentLut([1, 1, 2], [5, 6, 7])).Count);
}
