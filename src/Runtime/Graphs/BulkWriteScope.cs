namespace Volara.Runtime.Graphs;

/// <summary>Ends a bulk-write mode once (rebuilds what entering it dropped).</summary>
internal sealed class BulkWriteScope(Action end) : IDisposable
{
    private Action? _end = end;

    public void Dispose() => Interlocked.Exchange(ref _end, null)?.Invoke();
}
