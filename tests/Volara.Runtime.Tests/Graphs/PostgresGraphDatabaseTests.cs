using Npgsql;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Graphs;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGraphDatabaseTests(PostgresServer server) : GraphDatabaseTests
{
    [Fact]
    public void Layout_IsFunlibs_ArrayColumnsAndMetadataTable()
    {
        var config = (PostgresGraphConfig)NewConfig(new Dictionary<string, string> { ["color"] = "3" }, new Dictionary<string, string> { ["y_aff"] = "float" }, 2);
        config.Init();
        using var connection = new NpgsqlConnection(server.ConnectionStringFor(config.Name));
        connection.Open();
        Assert.Equal(
            ["id:bigint", "position:ARRAY", "size:bigint", "filtered:boolean", "color:ARRAY"],
            Columns(connection, "nodes"));
        Assert.Equal(["u:bigint", "v:bigint", "distance:real", "y_aff:real"], Columns(connection, "edges"));
        using var metadata = new NpgsqlCommand("SELECT value FROM metadata", connection);
        Assert.Contains("\"position\":\"Vec(float, 2)\"", (string)metadata.ExecuteScalar()!);
    }

    [Fact]
    public void FromConnectionString_ReadsServerAndDatabase()
    {
        var name = PostgresServer.NewDatabaseName();
        var config = PostgresGraphConfig.FromConnectionString(server.ConnectionStringFor(name));
        Assert.Equal(name, config.Name);
        config.Init();
        config.Open(GraphOpenMode.Read).Dispose();
    }

    protected override GraphDatabaseConfig NewConfig(IReadOnlyDictionary<string, string>? nodeAttrs, IReadOnlyDictionary<string, string>? edgeAttrs, int ndim) =>
        PostgresGraphConfig.FromConnectionString(server.ConnectionStringFor(PostgresServer.NewDatabaseName())) with
        {
            NodeAttrs = nodeAttrs,
            EdgeAttrs = edgeAttrs,
            Ndim = ndim,
        };

    protected override bool HasPositionIndex(GraphDatabaseConfig config)
    {
        using var connection = new NpgsqlConnection(server.ConnectionStringFor(((PostgresGraphConfig)config).Name));
        connection.Open();
        using var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE indexname = 'pos_index'", connection);
        var definition = command.ExecuteScalar() as string;
        return definition is not null && definition.Contains("\"position\"[1]", StringComparison.Ordinal);
    }

    private static List<string> Columns(NpgsqlConnection connection, string table)
    {
        using var command = new NpgsqlCommand("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add($"{reader.GetString(0)}:{reader.GetString(1)}");
        }

        return columns;
    }
}
