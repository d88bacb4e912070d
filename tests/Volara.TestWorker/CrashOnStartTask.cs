using Volara.Runtime.Dsl.Description;
using Volara.Runtime.Engine;
using Volara.Runtime.Serialization;

namespace Volara.TestWorker;

/// <summary>A buggy task whose worker process exits before processing anything.</summary>
[JsonContract]
public sealed partial class CrashOnStartTask : TestTask, IDescribedTask
{
    public static TaskDescriptor Descriptor { get; } = TaskDescriptor.ForContract<CrashOnStartTask>("test_crash_on_start", JsonContracts.Resolver);

    public override System.Text.Json.Nodes.JsonObject? ToConfig() => Descriptor.ToConfig(this);

    public const int ExitCode = 17;

    public override IBlockProcessor CreateProcessor(int worker)
    {
        Environment.Exit(ExitCode);
        throw new InvalidOperationException("unreachable");
    }
}
