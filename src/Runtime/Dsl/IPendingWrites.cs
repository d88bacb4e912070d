using Volara.Runtime.Engine;

namespace Volara.Runtime.Dsl;

/// <summary>
/// A task's worker state (its <c>CreateWorkerState</c>) whose Process leaves a block's writes pending — outputs it
/// writes itself, such as a list output — so that they can overlap the next block's Process. The generated processor
/// calls <see cref="WritePending"/> once per block whose Process returned, in order, as that block's last step (on
/// the writing thread when the task has <see cref="VolaraTaskAttribute.OverlapIo"/>); the block is reported done only
/// after it returns. A Process that throws must leave nothing pending.
/// </summary>
public interface IPendingWrites
{
    /// <summary>Writes what Process left pending for <paramref name="block"/>.</summary>
    void WritePending(Block block);
}
