namespace Volara.Workers;

/// <summary>
/// An edge-triggered wake-up for async loops: take <see cref="Next"/> before checking state, then await it; any
/// <see cref="Set"/> after the take completes it, so no wake-up between check and wait is lost.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _current = NewSource();

    public Task Next => Volatile.Read(ref _current).Task;

    public void Set() => Interlocked.Exchange(ref _current, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
