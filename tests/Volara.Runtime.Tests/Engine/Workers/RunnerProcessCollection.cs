namespace Volara.Runtime.Tests.Engine.Workers;

/// <summary>
/// Tests that run pipelines through the Runner in worker processes register the process executor globally
/// (<c>Runner.ProcessExecutorFactory</c>) with their own options, so they run one class at a time; the other
/// classes that start many worker processes join them, so that their block timings do not compete.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RunnerProcessCollection
{
    public const string Name = "Runner with worker processes";
}
