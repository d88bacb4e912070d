namespace Volara.Generators.Model
{
    /// <summary>
    /// The state a task keeps per worker: <c>CreateWorkerState()</c> runs once per processor, its result is Process's
    /// second parameter for every block of that worker, and it is disposed with the processor when disposable.
    /// </summary>
    /// <param name="Type">The fully qualified state type.</param>
    /// <param name="Disposable">The state type implements <c>System.IDisposable</c>.</param>
    /// <param name="TakesWorker"><c>CreateWorkerState(int worker)</c>: it is given the worker's number.</param>
    /// <param name="PendingWrites">The state type implements <c>IPendingWrites</c>: each block's write stage ends with its pending writes.</param>
    public sealed record WorkerStateModel(string Type, bool Disposable, bool TakesWorker = false, bool PendingWrites = false);
}
