using System.Text.Json.Serialization;

namespace Volara.Runtime.Graphs;

/// <summary>
/// A graph in an SQLite file (volara's <c>SQLite</c>, <c>db_type</c> <c>sqlite</c>): tables <c>nodes</c> and
/// <c>edges</c> in <see cref="Path"/>, metadata in the sibling file <c>&lt;stem&gt;-meta.json</c>.
/// </summary>
[JsonConverter(typeof(GraphDatabaseConfigJsonConverterFactory))]
public sealed record SqliteGraphConfig : GraphDatabaseConfig
{
    /// <summary>The database file (its directory is created on open).</summary>
    public required string Path { get; init; }

    public override string DbType => "sqlite";

    /// <summary>The file stem.</summary>
    public override string Id => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The metadata file beside the database: <c>&lt;stem&gt;-meta.json</c>.</summary>
    public string MetadataPath =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".", Id + "-meta.json");

    public override IGraphDatabase Open(GraphOpenMode mode) => SqliteGraphDatabase.Open(this, mode);

    public override void Drop() => SqliteGraphDatabase.Drop(this);

    public override bool Exists() => File.Exists(Path);

    public override string Location => Path;

    public override void DropEdges()
    {
        if (!File.Exists(MetadataPath))
        {
            return;
        }

        using var database = SqliteGraphDatabase.Open(this, GraphOpenMode.ReadWrite);
        database.DropEdgesTable();
    }

    public override IDisposable BeginBulkWrite()
    {
        Init();
        SqliteGraphDatabase.DropIndex(this);
        return new BulkWriteScope(() => SqliteGraphDatabase.CreateIndex(this));
    }
}
