using System.Text.Json.Serialization;
using Npgsql;

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

    /// <summary>
    /// A config for the server and database of an Npgsql connection string (<c>Host=…;Port=…;Username=…;Database=…</c>);
    /// the database defaults to <c>volara</c>.
    /// </summary>
    public static PostgresGraphConfig FromConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new PostgresGraphConfig
        {
            Host = builder.Host ?? "localhost",
            Port = builder.Port == NpgsqlConnection.DefaultPort ? null : builder.Port,
            User = builder.Username,
            Password = builder.Password,
            Name = string.IsNullOrEmpty(builder.Database) ? "volara" : builder.Database,
        };
    }

    public override IGraphDatabase Open(GraphOpenMode mode) => PostgresGraphDatabase.Open(this, mode);

    public override void Drop() => PostgresGraphDatabase.Drop(this);

    public override void DropEdges()
    {
        if (!PostgresGraphDatabase.EnsureDatabase(this, create: false))
        {
            return;
        }

        try
        {
            // Mode r only checks that the graph exists; r+ would create it.
            PostgresGraphDatabase.Open(this, GraphOpenMode.Read).Dispose();
        }
        catch (GraphNotFoundException)
        {
            return;
        }

        using var writable = PostgresGraphDatabase.Open(this, GraphOpenMode.ReadWrite);
        writable.DropEdgesTable();
    }

    public override IDisposable BeginBulkWrite()
    {
        Init();
        PostgresGraphDatabase.DropIndex(this);
        return new BulkWriteScope(() => PostgresGraphDatabase.CreateIndex(this));
    }

    /// <summary>The Npgsql connection string for one database of this server.</summary>
    internal string ConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = Host, Database = database, Username = User, Password = Password };
        if (Port is { } port)
        {
            builder.Port = port;
        }

        return builder.ConnectionString;
    }
}
