using Volara.Runtime.Graphs;
using Volara.Runtime.Tests.Support;

namespace Volara.Bench.Graphs;

/// <summary>A graph database backend under test: how to get an empty graph and its row-at-a-time peer writer.</summary>
public abstract class GraphBackend
{
    public static readonly GraphBackend Sqlite = new SqliteBackend();
    public static readonly GraphBackend Postgres = new PostgresBackend();

    public abstract string Name { get; }

    public abstract Session Start(BenchSettings settings);

    /// <summary>A running backend (for PostgreSQL a private server, stopped when disposed).</summary>
    public abstract class Session : IDisposable
    {
        public abstract IRowAtATimeWriter RowAtATime { get; }

        public abstract GraphDatabaseConfig NewConfig(IReadOnlyDictionary<string, string> edgeAttrs);

        public virtual void Dispose()
        {
        }
    }

    private sealed class SqliteBackend : GraphBackend
    {
        public override string Name => "sqlite";

        public override Session Start(BenchSettings settings) => new SqliteSession(Path.Combine(settings.WorkDirectory, "graphs"));

        private sealed class SqliteSession(string directory) : Session
        {
            public override IRowAtATimeWriter RowAtATime { get; } = new SqliteRowAtATimeWriter();

            public override GraphDatabaseConfig NewConfig(IReadOnlyDictionary<string, string> edgeAttrs) =>
                new SqliteGraphConfig { Path = Path.Combine(directory, "bench.sqlite"), EdgeAttrs = edgeAttrs };
        }
    }

    private sealed class PostgresBackend : GraphBackend
    {
        public override string Name => "postgresql";

        public override Session Start(BenchSettings settings) => new PostgresSession(new PostgresServer());

        private sealed class PostgresSession(PostgresServer server) : Session
        {
            public override IRowAtATimeWriter RowAtATime { get; } = new PostgresRowAtATimeWriter();

            public override GraphDatabaseConfig NewConfig(IReadOnlyDictionary<string, string> edgeAttrs) =>
                PostgresGraphConfig.FromConnectionString(server.ConnectionStringFor(PostgresServer.NewDatabaseName("volara_bench"))) with { EdgeAttrs = edgeAttrs };

            public override void Dispose() => server.Dispose();
        }
    }
}
