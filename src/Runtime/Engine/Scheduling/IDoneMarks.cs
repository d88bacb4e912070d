namespace Volara.Runtime.Engine.Scheduling;

/// <summary>Persistent per-block completion marks of one task, addressed by the dense block index.</summary>
public interface IDoneMarks
{
    bool IsDone(long blockIndex);

    void MarkDone(long blockIndex);
}
