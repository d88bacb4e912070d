using System.Text.Json.Nodes;
using Volara.Runtime.Engine.Tracking;
using Xunit;

namespace Volara.Runtime.Tests.Engine.Tracking;

public class StaleResultsTests
{
    private static JsonObject DistanceAgglom(string extra = "") => JsonNode.Parse($$$"""
        {"task_type": "distance-agglom", "frags_data": {"store": "f.zarr"}, "connectivity": 1 {{{extra}}}, "execution": {"num_workers": 4}}
        """)!.AsObject();

    // The generated task's own answer, as the stale check asks it.
    private static string? DefaultOf(string field) => Volara.Runtime.Tasks.DistanceAgglom.Descriptor.Field(field)?.Default;

    [Fact]
    public void AFieldANewerVersionAddedCountsAsUnchangedOnlyAtItsDefault()
    {
        // What an older version recorded has no eps; the newer one writes its default 1e-8.
        Assert.Empty(StaleResults.Differences(DistanceAgglom(), DistanceAgglom(""", "eps": 1E-08"""), DefaultOf));
        Assert.Empty(StaleResults.Differences(DistanceAgglom(), DistanceAgglom(""", "eps": 0.00000001"""), DefaultOf));

        Assert.Equal(["eps: (not set) → 0.5"], StaleResults.Differences(DistanceAgglom(), DistanceAgglom(""", "eps": 0.5"""), DefaultOf));
        Assert.Equal(["eps: 1E-08 → 0.5"], StaleResults.Differences(DistanceAgglom(""", "eps": 1E-08"""), DistanceAgglom(""", "eps": 0.5"""), DefaultOf));
    }

    [Fact]
    public void AFieldTheRecordHasAndTheTaskNoLongerWritesIsAChange()
    {
        Assert.Equal(["eps: 1E-08 → (not set)"], StaleResults.Differences(DistanceAgglom(""", "eps": 1E-08"""), DistanceAgglom(), DefaultOf));
    }

    [Fact]
    public void HowATaskRunsIsNoChange()
    {
        var recorded = DistanceAgglom();
        recorded["execution"] = new JsonObject { ["num_workers"] = 1 };

        Assert.Empty(StaleResults.Differences(recorded, DistanceAgglom(), DefaultOf));
    }

    [Fact]
    public void AnUnknownTaskTypeComparesEveryField()
    {
        var recorded = JsonNode.Parse("""{"task_type": "not-known", "a": 1}""")!.AsObject();
        var current = JsonNode.Parse("""{"task_type": "not-known", "a": 1, "b": 2}""")!.AsObject();

        Assert.Equal(["b: (not set) → 2"], StaleResults.Differences(recorded, current, _ => null));
    }
}
