namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// A new array built beside the path it is for (<see cref="ZarrArray.CreateReplacement"/>): write it through
/// <see cref="Array"/>, then <see cref="Commit"/> puts it in place in one rename. Disposed without a commit, it is
/// removed and whatever was at the path is untouched.
/// </summary>
public sealed class ZarrArrayReplacement : IDisposable
{
    private readonly Func<ZarrArray> commit;
    private bool committed;

    internal ZarrArrayReplacement(ZarrArray array, Func<ZarrArray> commit)
    {
        Array = array;
        this.commit = commit;
    }

    /// <summary>The array being built, in its hidden place beside the final path.</summary>
    public ZarrArray Array { get; }

    /// <summary>Moves the finished array to its path (replacing what was there) and returns it there.</summary>
    public ZarrArray Commit()
    {
        ObjectDisposedException.ThrowIf(committed, this);
        var placed = commit();
        committed = true;
        return placed;
    }

    public void Dispose()
    {
        if (!committed)
        {
            committed = true;
            NodeStaging.Abandon(Array.Path);
        }
    }
}
