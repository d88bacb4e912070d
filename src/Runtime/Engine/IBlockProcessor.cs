namespace Volara.Runtime.Engine;

/// <summary>
/// The per-worker side of a task: created once per worker (opening arrays, databases, models), then asked
/// to process blocks one after another. An exception from <see cref="Process"/> fails that block.
/// </summary>
public interface IBlockProcessor : IDisposable
{
    void Process(Block block);
}
