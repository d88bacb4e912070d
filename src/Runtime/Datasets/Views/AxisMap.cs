namespace Volara.Runtime.Datasets.Views;

/// <summary>
/// Maps the indices <c>0..Count-1</c> of one view axis to indices of the underlying source axis: an affine run
/// (<c>Start + Step·i</c>, covering crops and reversals) or an explicit index list (channel selections).
/// </summary>
internal sealed class AxisMap
{
    private readonly long[]? _explicit;

    private AxisMap(long start, long step, long count, long[]? explicitIndices)
    {
        Start = start;
        Step = step;
        Count = count;
        _explicit = explicitIndices;
    }

    public long Start { get; }

    public long Step { get; }

    public long Count { get; }

    /// <summary>True for a plain ascending run, the only kind writes can go through.</summary>
    public bool IsUnitStride => _explicit is null && Step == 1;

    public long this[long index] => _explicit is null ? Start + (Step * index) : _explicit[index];

    public static AxisMap Identity(long count) => new(0, 1, count, null);

    public AxisMap Slice(long begin, long count)
    {
        if (_explicit is not null)
        {
            return new AxisMap(0, 1, count, _explicit.AsSpan((int)begin, (int)count).ToArray());
        }

        return new AxisMap(Start + (Step * begin), Step, count, null);
    }

    public AxisMap Reverse() =>
        _explicit is null
            ? new AxisMap(Count == 0 ? Start : this[Count - 1], -Step, Count, null)
            : new AxisMap(0, 1, Count, [.. _explicit.Reverse()]);

    /// <summary>Picks the given view indices (already range-checked).</summary>
    public AxisMap Take(IReadOnlyList<long> indices)
    {
        var picked = new long[indices.Count];
        for (var i = 0; i < picked.Length; i++)
        {
            picked[i] = this[indices[i]];
        }

        return new AxisMap(0, 1, picked.Length, picked);
    }
}
