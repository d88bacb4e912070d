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

    /// <summary>
    /// The most connections one process keeps to this server (Npgsql's <c>Maximum Pool Size</c>; JSON
    /// <c>max_pool_size</c>, not one of volara's fields); null is Npgsql's default of 100. Every block holds one
    /// connection while it reads or writes, so a process needs as many as it runs blocks at once: size it with
    /// <see cref="PoolSizeFor"/> so that many worker processes stay within the server's <c>max_connections</c>.
    /// </summary>
    public int? MaxPoolSize { get; init; }

    public override string DbType => "postgresql";

    /// <summary>
    /// The pool size for <paramref name="workers"/> workers: one connection per worker thread plus one for the
    /// driver's own work (creating tables, whole-graph tasks) running beside them.
    /// </summary>
    public static int PoolSizeFor(int workers) =>
        workers >= 1 ? workers + 1 : throw new ArgumentOutOfRangeException(nameof(workers), workers, "the number of workers must be at least 1");

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

    public override bool Exists() => PostgresGraphDatabase.EnsureDatabase(this, create: false);

    public override string Location => $"PostgreSQL database '{Name}' on {Host}";

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

        if (MaxPoolSize is { } poolSize)
        {
            builder.MaxPoolSize = poolSize >= 1
                ? poolSize
                : throw new ArgumentOutOfRangeException(nameof(MaxPoolSize), poolSize, $"PostgreSQL graph '{Name}': max_pool_size must be at least 1");
        }

        return builder.ConnectionString;
    }
}
