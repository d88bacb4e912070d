namespace Volara.Runtime.Engine.Scheduling;

/// <summary>Persistent per-block completion marks of one task, addressed by the dense block index.</summary>
public interface IDoneMarks
{
    bool IsDone(long blockIndex);

    void MarkDone(long blockIndex);

    /// <summary>
    /// The first block in [<paramref name="begin"/>, <paramref name="end"/>) not marked done, or
    /// <paramref name="end"/> when all are: lets a resumed run pass over long done stretches at once.
    /// </summary>
    long FirstNotDone(long begin, long end)
    {
        long index = begin;
        while (index < end && IsDone(index))
        {
            index++;
        }

        return index;
    }
}
