using System.Text.Json.Serialization;

namespace Volara.Runtime.Graphs;

/// <summary>
/// A graph in a PostgreSQL database (volara's <c>PostgreSQL</c>, <c>db_type</c> <c>postgresql</c>): tables
/// <c>nodes</c>, <c>edges</c> and <c>metadata</c> in database <see cref="Name"/>, which is created on demand.
/// </summary>
[JsonConverter(typeof(GraphDatabaseConfigJsonConverterFactory))]
public sealed record PostgresGraphConfig : GraphDatabaseConfig
{
    public string Host { get; init; } = "localhost";

    /// <summary>The database name (volara's <c>name</c>, also the <see cref="Id"/>).</summary>
    public string Name { get; init; } = "volara";

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The server port; null is PostgreSQL's default (5432).</summary>
    public int? Port { get; init; }

    public override string DbType => "postgresql";

    public override string Id => Name;

    public override IGraphDatabase Open(GraphOpenMode mode) => throw new NotImplementedException();

    public override void Drop() => throw new NotImplementedException();

    public override void DropEdges() => throw new NotImplementedException();

    public override IDisposable BeginBulkWrite() => throw new NotImplementedException();
}
