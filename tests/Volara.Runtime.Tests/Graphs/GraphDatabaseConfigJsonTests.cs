using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Engine;
using Volara.Runtime.Graphs;

namespace Volara.Runtime.Tests.Graphs;

public sealed class GraphDatabaseConfigJsonTests
{
    private sealed record Holder
    {
        public required GraphDatabaseConfig Db { get; init; }

        public SqliteGraphConfig? Sqlite { get; init; }
    }

    [Fact]
    public void VolaraSqliteJson_ReadsAndWritesBackTheSame()
    {
        const string json = """{"db_type":"sqlite","path":"out/db.sqlite","node_attrs":{"raw_intensity":1,"camelCase":"float"},"edge_attrs":{"y_aff":"float"},"ndim":3}""";
        var config = Assert.IsType<SqliteGraphConfig>(JsonSerializer.Deserialize<GraphDatabaseConfig>(json, TaskJson.Options));
        Assert.Equal("out/db.sqlite", config.Path);
        Assert.Equal("db", config.Id);
        Assert.Equal("1", config.NodeAttrs!["raw_intensity"]);
        Assert.Equal(new GraphAttributeType(GraphValueKind.Float, 1), config.Schema.NodeAttributes.Single(a => a.Name == "raw_intensity").Type);

        // Attribute names stay verbatim even under the task options' snake_case dictionary-key policy.
        var written = JsonSerializer.Serialize<GraphDatabaseConfig>(config, TaskJson.Options);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void VolaraPostgresJson_DefaultsAsVolara()
    {
        var config = Assert.IsType<PostgresGraphConfig>(JsonSerializer.Deserialize<GraphDatabaseConfig>("""{"db_type":"postgresql"}""", TaskJson.Options));
        Assert.Equal(("localhost", "volara", null, null, null, 3), (config.Host, config.Name, config.User, config.Password, config.Port, config.Ndim));
        Assert.Null(config.NodeAttrs);
        Assert.Equal("volara", config.Id);

        var full = new PostgresGraphConfig { Host = "db.example", Name = "frags", User = "me", Password = "pw", Port = 5433, EdgeAttrs = new Dictionary<string, string> { ["adj_weight"] = "float" } };
        var node = JsonNode.Parse(JsonSerializer.Serialize<GraphDatabaseConfig>(full, TaskJson.Options))!;
        Assert.Equal("postgresql", node["db_type"]!.GetValue<string>());
        Assert.Equal(5433, node["port"]!.GetValue<int>());
        var back = Assert.IsType<PostgresGraphConfig>(node.Deserialize<GraphDatabaseConfig>(TaskJson.Options));
        Assert.Equal((full.Host, full.Name, full.User, full.Password, full.Port), (back.Host, back.Name, back.User, back.Password, back.Port));
        Assert.Equal("float", back.EdgeAttrs!["adj_weight"]);
    }

    [Fact]
    public void PostgresMaxPoolSize_RoundTripsAndIsLeftOutWhenUnset()
    {
        var unset = JsonNode.Parse(JsonSerializer.Serialize<GraphDatabaseConfig>(new PostgresGraphConfig(), TaskJson.Options))!.AsObject();
        Assert.False(unset.ContainsKey("max_pool_size"));

        var node = JsonNode.Parse(JsonSerializer.Serialize<GraphDatabaseConfig>(new PostgresGraphConfig { MaxPoolSize = PostgresGraphConfig.PoolSizeFor(8) }, TaskJson.Options))!;
        Assert.Equal(9, node["max_pool_size"]!.GetValue<int>());
        Assert.Equal(9, Assert.IsType<PostgresGraphConfig>(node.Deserialize<GraphDatabaseConfig>(TaskJson.Options)).MaxPoolSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => PostgresGraphConfig.PoolSizeFor(0));
    }

    [Fact]
    public void InsideATaskConfiguration_RoundTripsWithDbType_AbstractAndConcreteProperties()
    {
        var holder = new Holder
        {
            Db = new SqliteGraphConfig { Path = "a.sqlite", Ndim = 2 },
            Sqlite = new SqliteGraphConfig { Path = "b.sqlite" },
        };
        var node = JsonSerializer.SerializeToNode(holder, TaskJson.Options)!;
        Assert.Equal("sqlite", node["db"]!["db_type"]!.GetValue<string>());
        Assert.Equal("sqlite", node["sqlite"]!["db_type"]!.GetValue<string>());
        var back = node.Deserialize<Holder>(TaskJson.Options)!;
        Assert.Equal("a.sqlite", Assert.IsType<SqliteGraphConfig>(back.Db).Path);
        Assert.Equal(2, back.Db.Ndim);
        Assert.Equal("b.sqlite", back.Sqlite!.Path);
    }

    [Theory]
    [InlineData("""{"db_type":"mongo"}""", "unknown graph database db_type 'mongo'")]
    [InlineData("""{"db_type":"sqlite"}""", "missing field 'path'")]
    [InlineData("""{"db_type":"sqlite","path":"x","colour":1}""", "unknown field(s) 'colour'")]
    [InlineData("""{"db_type":"sqlite","path":"x","node_attrs":{"a":[1]}}""", "attribute 'a'")]
    [InlineData("""{"path":"x"}""", "without 'db_type'")]
    public void BadJson_NamesTheProblem(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GraphDatabaseConfig>(json, TaskJson.Options));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ConcreteProperty_RefusesTheOtherDbType()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SqliteGraphConfig>("""{"db_type":"postgresql"}""", TaskJson.Options));
        Assert.Contains("sqlite", error.Message);
    }

    [Theory]
    [InlineData("float", GraphValueKind.Float, 0, "float")]
    [InlineData("int", GraphValueKind.Int, 0, "int")]
    [InlineData("bool", GraphValueKind.Bool, 0, "bool")]
    [InlineData("str", GraphValueKind.Str, 0, "str")]
    [InlineData("3", GraphValueKind.Float, 3, "Vec(float, 3)")]
    [InlineData("Vec(int, 2)", GraphValueKind.Int, 2, "Vec(int, 2)")]
    [InlineData("Vec(float,4)", GraphValueKind.Float, 4, "Vec(float, 4)")]
    public void AttributeTypes_ParseVolaraSpecsAndPrintMetadataNames(string spec, GraphValueKind kind, int length, string text)
    {
        var type = GraphAttributeType.Parse(spec);
        Assert.Equal(new GraphAttributeType(kind, length), type);
        Assert.Equal(text, type.ToString());
    }

    [Theory]
    [InlineData("complex")]
    [InlineData("0")]
    [InlineData("Vec(float, 0)")]
    public void AttributeTypes_RefuseUnknownSpecs(string spec) =>
        Assert.Throws<FormatException>(() => GraphAttributeType.Parse(spec));

    [Fact]
    public void Schema_MergesVolaraDefaults_DeclaredOverrideKeepsThePlace()
    {
        var schema = GraphSchema.Create(3, new Dictionary<string, string> { ["size"] = "float", ["color"] = "3" }, null);
        Assert.Equal(["size: float", "filtered: bool", "color: Vec(float, 3)"], schema.NodeAttributes.Select(a => $"{a.Name}: {a.Type}"));
        Assert.Equal(["distance: float"], schema.EdgeAttributes.Select(a => $"{a.Name}: {a.Type}"));
        Assert.Throws<ArgumentException>(() => GraphSchema.Create(3, new Dictionary<string, string> { ["position"] = "2" }, null));
    }

    [Fact]
    public void OpenModes_HaveFunlibsNames()
    {
        foreach (var mode in Enum.GetValues<GraphOpenMode>())
        {
            Assert.Equal(mode, GraphOpenModes.Parse(mode.ToText()));
        }

        Assert.Equal(GraphOpenMode.ReadWrite, GraphOpenModes.Parse("r+"));
        Assert.Throws<ArgumentException>(() => GraphOpenModes.Parse("a"));
    }
}
