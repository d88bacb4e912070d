using System.Text.Json.Nodes;
using Volara.Runtime.Engine;

namespace Volara.Engine.TestDriver;

/// <summary>Runs another task's blocks after a pause, so a test can kill the run while blocks are in flight.</summary>
internal sealed class SlowedTask(IBlockwiseTask inner, TimeSpan pause) : IBlockwiseTask
{
    public string Name => inner.Name;

    public BlockLayout Layout => inner.Layout;

    public ExecutionOptions Execution => inner.Execution;

    public void Init() => inner.Init();

    public IBlockProcessor CreateProcessor(int worker) => new Processor(inner.CreateProcessor(worker), pause);

    public void DropArtifacts() => inner.DropArtifacts();

    public JsonObject? ToConfig() => inner.ToConfig();

    private sealed class Processor(IBlockProcessor inner, TimeSpan pause) : IBlockProcessor
    {
        public void Process(Block block)
        {
            Thread.Sleep(pause);
            inner.Process(block);
        }

        public void Dispose() => inner.Dispose();
    }
}
