using Volara.Runtime.Engine;

namespace Volara.Workers.Driver;

/// <summary>A block handed to a worker and not yet reported, with the time it was handed out (for timeouts).</summary>
internal readonly record struct HeldBlock(Block Block, long HandedOutTimestamp);
