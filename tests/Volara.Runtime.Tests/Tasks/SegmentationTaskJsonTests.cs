using Volara.Runtime.Dsl.Description;
using System.Text.Json.Nodes;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tasks;

namespace Volara.Runtime.Tests.Tasks;

public sealed class SegmentationTaskJsonTests
{
    private const string Db = """{ "db_type": "sqlite", "path": "sample.zarr/db.sqlite", "edge_attrs": { "adj_weight": "float", "lr_weight": "float" } }""";

    [Fact]
    public void ExtractFragsReadsVolarasFieldsAndDefaults()
    {
        var config = JsonNode.Parse($$"""
            {
              "task_type": "extract-frags",
              "db": {{Db}},
              "affs_data": { "dataset_type": "affs", "store": "sample.zarr/affinities", "neighborhood": [[1, 0, 0], [0, 1, 0], [4, 0, 0]] },
              "frags_data": { "dataset_type": "labels", "store": "sample.zarr/fragments" },
              "block_size": [45, 120, 120],
              "context": [15, 40, 40],
              "bias": [-0.4, -0.4, -0.7],
              "strides": [[1, 1, 1], [1, 3, 3], [1, 6, 6]],
              "randomized_strides": true,
              "remove_debris": 64
            }
            """)!.AsObject();

        var task = DescribedTasks.FromConfig<ExtractFrags>(config);

        Assert.Equal("sample.zarr/db.sqlite", Assert.IsType<SqliteGraphConfig>(task.Db).Path);
        Assert.Equal(new Coordinate(15, 40, 40), task.Context);
        Assert.Equal([-0.4, -0.4, -0.7], task.Bias);
        Assert.Equal(new Coordinate(1, 3, 3), task.Strides![1]);
        Assert.True(task.RandomizedStrides);
        Assert.Equal(64, task.RemoveDebris);
        Assert.Equal((null, null, 0.0, false, (Raw<float>?)null), (task.Sigma, task.NoiseEps, task.FilterFragments, task.BulkWrite, task.MaskData));
        Assert.Equal("fragments-extract-frags", task.Name);

        var written = task.ToConfig()!;
        foreach (var field in new[] { "db", "affs_data", "frags_data", "bias", "strides", "randomized_strides", "remove_debris", "filter_fragments", "noise_eps", "sigma", "bulk_write" })
        {
            Assert.True(written.ContainsKey(field), $"missing {field} in {written.ToJsonString()}");
        }
    }

    [Fact]
    public void AffAgglomReadsScoreGroupsAndIsNamedAfterTheDatabase()
    {
        var config = JsonNode.Parse($$"""
            {
              "task_type": "aff-agglom",
              "db": {{Db}},
              "frags_data": { "dataset_type": "labels", "store": "sample.zarr/fragments" },
              "affs_data": { "dataset_type": "affs", "store": "sample.zarr/affinities", "neighborhood": [[1, 0, 0], [0, 1, 0], [4, 0, 0]] },
              "block_size": [45, 120, 120],
              "context": [15, 40, 40],
              "scores": { "adj_weight": [[1, 0, 0], [0, 1, 0]], "lr_weight": [[4, 0, 0]] }
            }
            """)!.AsObject();

        var task = DescribedTasks.FromConfig<AffAgglom>(config);

        Assert.Equal(["adj_weight", "lr_weight"], task.Scores.Keys);
        Assert.Equal([new Coordinate(1, 0, 0), new Coordinate(0, 1, 0)], task.Scores["adj_weight"]);
        Assert.Equal("db-aff-agglom", task.Name);
        Assert.True(task.ToConfig()!.ContainsKey("scores"));
    }
}
