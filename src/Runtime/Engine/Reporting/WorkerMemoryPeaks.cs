using System.Collections.Concurrent;

namespace Volara.Runtime.Engine.Reporting;

/// <summary>The highest peak resident memory any worker of a task reported during a run.</summary>
public sealed class WorkerMemoryPeaks
{
    private readonly ConcurrentDictionary<string, long> peaks = new(StringComparer.Ordinal);

    public void Record(string taskName, long peakResidentBytes)
    {
        if (peakResidentBytes > 0)
        {
            peaks.AddOrUpdate(taskName, peakResidentBytes, (_, current) => Math.Max(current, peakResidentBytes));
        }
    }

    /// <summary>The task's highest reported peak in bytes; null when no worker reported one.</summary>
    public long? PeakOf(string taskName) => peaks.TryGetValue(taskName, out long peak) ? peak : null;
}
