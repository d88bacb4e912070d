using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;
using Volara.Runtime.Serialization;

namespace Volara.TestWorker;

/// <summary>Does nothing per block: measures the engine's own cost.</summary>
[JsonContract]
public sealed partial class NoOpTask : TestTask, IDescribedTask
{
    public static TaskDescriptor Descriptor { get; } = TaskDescriptor.ForContract<NoOpTask>("test_noop", JsonContracts.Resolver);

    public override System.Text.Json.Nodes.JsonObject? ToConfig() => Descriptor.ToConfig(this);

    public override IBlockProcessor CreateProcessor(int worker) => new NoOpProcessor();

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
