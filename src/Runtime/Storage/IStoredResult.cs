namespace Volara.Runtime.Storage;

/// <summary>
/// A result kept outside the Zarr arrays (a graph database, a look-up table). A task parameter of such a type marked
/// <c>[Parameter(Writes = true)]</c> is an output the stale-results check looks for before a rerun skips done blocks.
/// </summary>
public interface IStoredResult
{
    /// <summary>The result is there to be read; false once it was deleted.</summary>
    bool Exists();

    /// <summary>Where it is kept, for messages: a file path, or a database and its host.</summary>
    string Location { get; }
}
