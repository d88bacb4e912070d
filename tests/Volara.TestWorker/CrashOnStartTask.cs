using Volara.Runtime.Engine;

namespace Volara.TestWorker;

/// <summary>A buggy task whose worker process exits before processing anything.</summary>
[BlockwiseTask("test_crash_on_start")]
public sealed class CrashOnStartTask : TestTask
{
    public const int ExitCode = 17;

    public override IBlockProcessor CreateProcessor()
    {
        Environment.Exit(ExitCode);
        throw new InvalidOperationException("unreachable");
    }
}
