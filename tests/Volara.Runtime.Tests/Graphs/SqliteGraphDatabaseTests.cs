using System.Text.Json.Nodes;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Graphs;

public sealed class SqliteGraphDatabaseTests : GraphDatabaseTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public void Layout_IsFunlibs_ExplodedColumnsAndSiblingMetadata()
    {
        var config = (SqliteGraphConfig)NewConfig(new Dictionary<string, string> { ["color"] = "3" }, new Dictionary<string, string> { ["y_aff"] = "float" }, 2);
        config.Init();
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(config.Path)!, config.Id + "-meta.json")))!;
        Assert.Equal("Vec(float, 2)", metadata["node_attrs"]!["position"]!.GetValue<string>());
        Assert.Equal("Vec(float, 3)", metadata["node_attrs"]!["color"]!.GetValue<string>());
        Assert.Equal("float", metadata["edge_attrs"]!["y_aff"]!.GetValue<string>());
        Assert.Equal(2, metadata["ndims"]!.GetValue<int>());

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={config.Path}");
        connection.Open();
        Assert.Equal(["id", "position_0", "position_1", "size", "filtered", "color_0", "color_1", "color_2"], Columns(connection, "nodes"));
        Assert.Equal(["u", "v", "distance", "y_aff"], Columns(connection, "edges"));
        using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", journal.ExecuteScalar());
    }

    [Fact]
    public void Drop_RemovesTheFileAndItsMetadata()
    {
        var config = (SqliteGraphConfig)NewConfig(null, null, 3);
        config.Init();
        Assert.True(File.Exists(config.Path));
        config.Drop();
        Assert.False(File.Exists(config.Path));
        Assert.False(File.Exists(config.MetadataPath));
    }

    protected override GraphDatabaseConfig NewConfig(IReadOnlyDictionary<string, string>? nodeAttrs, IReadOnlyDictionary<string, string>? edgeAttrs, int ndim) =>
        new SqliteGraphConfig { Path = _directory.Combine("dbs", $"g{Guid.NewGuid():N}.sqlite"), NodeAttrs = nodeAttrs, EdgeAttrs = edgeAttrs, Ndim = ndim };

    protected override bool HasPositionIndex(GraphDatabaseConfig config)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={((SqliteGraphConfig)config).Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'pos_index'";
        var sql = command.ExecuteScalar() as string;
        return sql is not null && sql.Contains("position_0", StringComparison.Ordinal);
    }

    private static List<string> Columns(Microsoft.Data.Sqlite.SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA table_info({table})";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(1));
        }

        return columns;
    }
}
