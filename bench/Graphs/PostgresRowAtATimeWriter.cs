using Npgsql;
using Volara.Runtime.Graphs;

namespace Volara.Bench.Graphs;

/// <summary>Row-at-a-time PostgreSQL writes: one <c>INSERT … ON CONFLICT DO NOTHING</c> round trip per row.</summary>
public sealed class PostgresRowAtATimeWriter : IRowAtATimeWriter
{
    public int WriteNodes(GraphDatabaseConfig config, NodeTable nodes)
    {
        using var connection = Open(config);
        using var transaction = connection.BeginTransaction();
        var sizes = nodes.Ints("size");
        var filtered = nodes.Bools("filtered");
        var written = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            using var command = new NpgsqlCommand("INSERT INTO nodes (id, position, size, filtered) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = (long)nodes.Ids[i] });
            command.Parameters.Add(new NpgsqlParameter { Value = nodes.Position(i).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = sizes[i] });
            command.Parameters.Add(new NpgsqlParameter { Value = filtered[i] });
            written += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return written;
    }

    public int WriteEdges(GraphDatabaseConfig config, EdgeTable edges)
    {
        using var connection = Open(config);
        using var transaction = connection.BeginTransaction();
        var distance = edges.Floats("distance");
        var xy = edges.Floats("xy_aff");
        var z = edges.Floats("z_aff");
        var written = 0;
        for (var i = 0; i < edges.Count; i++)
        {
            using var command = new NpgsqlCommand("INSERT INTO edges (u, v, distance, xy_aff, z_aff) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = (long)Math.Min(edges.U[i], edges.V[i]) });
            command.Parameters.Add(new NpgsqlParameter { Value = (long)Math.Max(edges.U[i], edges.V[i]) });
            command.Parameters.Add(new NpgsqlParameter { Value = distance[i] });
            command.Parameters.Add(new NpgsqlParameter { Value = xy[i] });
            command.Parameters.Add(new NpgsqlParameter { Value = z[i] });
            written += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return written;
    }

    private static NpgsqlConnection Open(GraphDatabaseConfig config)
    {
        var postgres = (PostgresGraphConfig)config;
        var builder = new NpgsqlConnectionStringBuilder { Host = postgres.Host, Database = postgres.Name, Username = postgres.User, Password = postgres.Password };
        if (postgres.Port is { } port)
        {
            builder.Port = port;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }
}
