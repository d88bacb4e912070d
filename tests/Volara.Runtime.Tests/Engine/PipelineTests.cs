using Volara.Runtime.Engine.Pipelines;
using Xunit;
using static Volara.Runtime.Tests.Engine.Geo;

namespace Volara.Runtime.Tests.Engine;

public sealed class PipelineTests
{
    private static TestTask T(string name) => TestTask.Daisy(name, R(0, 10), R(0, 10), R(0, 10));

    [Fact]
    public void PlusAddsOneEdgeAndBarAddsNone()
    {
        var (t1, t2) = (T("t1"), T("t2"));
        var sequential = t1 + t2;
        Assert.Equal(2, sequential.Tasks.Count);
        Assert.Single(sequential.Edges);
        var parallel = t1 | t2;
        Assert.Equal(2, parallel.Tasks.Count);
        Assert.Empty(parallel.Edges);
    }

    [Fact]
    public void SinksFeedSources()
    {
        var (a, b, c, d) = (T("a"), T("b"), T("c"), T("d"));
        var pipeline = (a | b) + (c | d);
        Assert.Equal(4, pipeline.Edges.Count);
        var chain = pipeline + T("e");
        Assert.Equal(6, chain.Edges.Count);
        Assert.Equal(["a", "b", "c", "d", "e"], chain.TopologicalOrder().Select(t => t.Name));
    }

    [Fact]
    public void DuplicateNamesAreRejected()
    {
        var error = Assert.Throws<PipelineException>(() => T("x") | T("x"));
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void CyclesAreRejectedNamingTheTasks()
    {
        var (a, b) = (T("a"), T("b"));
        var error = Assert.Throws<PipelineException>(() => (a + b) + Pipeline.Of(a));
        Assert.Contains("'a'", error.Message);
        Assert.Contains("'b'", error.Message);
    }
}
