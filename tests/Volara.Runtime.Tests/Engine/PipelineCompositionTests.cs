using Volara.Runtime.Engine;
using Volara.Runtime.Engine.Pipelines;
using Xunit;
using static Volara.Runtime.Tests.Engine.Geo;

namespace Volara.Runtime.Tests.Engine;

/// <summary>
/// Composition in one pass (<see cref="Pipeline.Sequence"/>, <see cref="Pipeline.Parallel(IEnumerable{Pipeline})"/>)
/// and the indexed topological order agree with the pairwise operators and the plain pass-by-pass order, on random
/// pipelines; and a chain of many thousands of tasks composes, orders and answers its upstream queries.
/// </summary>
public sealed class PipelineCompositionTests
{
    private static readonly TestTask[] Tasks = [.. Enumerable.Range(0, 9).Select(i => TestTask.Daisy($"t{i}", R(0, 10), R(0, 10), R(0, 10)))];

    [Fact]
    public void OnePassCompositionEqualsThePairwiseOperatorsOnRandomPipelines()
    {
        var random = new Random(20261207);
        for (int trial = 0; trial < 400; trial++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => RandomPipeline(random, depth: 2)).ToList();
            bool sequence = random.Next(2) == 0;
            var expected = Attempt(() => parts.Skip(1).Aggregate(parts[0], (a, b) => sequence ? a + b : a | b));
            var actual = Attempt(() => sequence ? Pipeline.Sequence(parts) : Pipeline.Parallel(parts));

            Assert.Equal(expected.Error, actual.Error);
            if (expected.Pipeline is { } reference && actual.Pipeline is { } built)
            {
                Assert.Equal(reference.Tasks.Select(t => t.Name), built.Tasks.Select(t => t.Name));
                Assert.Equal(reference.Edges.Order(), built.Edges.Order());
                Assert.Equal(PassByPassOrder(reference), built.TopologicalOrder().Select(t => t.Name));
                Assert.All(built.Tasks, task => Assert.Equal(
                    reference.Tasks.Where(t => reference.Edges.Contains((t.Name, task.Name))).Select(t => t.Name),
                    built.UpstreamOf(task.Name).Select(t => t.Name)));
            }
        }
    }

    [Fact]
    public void AChainOfTwentyThousandTasksComposesInOrder()
    {
        var chain = Enumerable.Range(0, 20_000).Select(i => Pipeline.Of(TestTask.Daisy($"c{i}", R(0, 10), R(0, 10), R(0, 10)))).ToList();
        var pipeline = Pipeline.Sequence(chain);

        Assert.Equal(19_999, pipeline.Edges.Count);
        Assert.Equal(chain.Select(p => p.Tasks[0].Name), pipeline.TopologicalOrder().Select(t => t.Name));
        Assert.Equal(["c19998"], pipeline.UpstreamOf("c19999").Select(t => t.Name));
        Assert.Equal(["c0"], pipeline.Sources.Select(t => t.Name));
        Assert.Equal(["c19999"], pipeline.Sinks.Select(t => t.Name));
        Assert.Equal(["c19998", "c19999"], pipeline.DownstreamOf(["c19997", "c19999"]).Select(t => t.Name));
    }

    /// <summary>A random expression over a few of the tasks (names may repeat, as in files that reuse a task).</summary>
    private static Pipeline RandomPipeline(Random random, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            return Pipeline.Of(Tasks[random.Next(Tasks.Length)]);
        }

        var left = RandomPipeline(random, depth - 1);
        var right = RandomPipeline(random, depth - 1);
        return Attempt(() => random.Next(2) == 0 ? left + right : left | right).Pipeline ?? left;
    }

    private static (Pipeline? Pipeline, string? Error) Attempt(Func<Pipeline> compose)
    {
        try
        {
            return (compose(), null);
        }
        catch (PipelineException error)
        {
            return (null, error.Message);
        }
    }

    /// <summary>The reference order: passes over the tasks in insertion order, each placing every task whose upstream tasks are placed.</summary>
    private static List<string> PassByPassOrder(Pipeline pipeline)
    {
        var placed = new List<string>();
        while (placed.Count < pipeline.Tasks.Count)
        {
            foreach (var task in pipeline.Tasks)
            {
                if (!placed.Contains(task.Name) && pipeline.Edges.Where(e => e.To == task.Name).All(e => placed.Contains(e.From)))
                {
                    placed.Add(task.Name);
                }
            }
        }

        return placed;
    }
}
