using Volara.Runtime.Engine;

namespace Volara.TestWorker;

/// <summary>Does nothing per block: measures the engine's own cost.</summary>
[BlockwiseTask("test_noop")]
public sealed class NoOpTask : TestTask
{
    public override IBlockProcessor CreateProcessor() => new NoOpProcessor();

    private sealed class NoOpProcessor : IBlockProcessor
    {
        public void Process(Block block)
        {
        }

        public void Dispose()
        {
        }
    }
}
