using Microsoft.Data.Sqlite;
using Volara.Runtime.Graphs;

namespace Volara.Bench.Graphs;

/// <summary>Row-at-a-time SQLite writes through ADO.NET commands on funlib's exploded-column layout.</summary>
public sealed class SqliteRowAtATimeWriter : IRowAtATimeWriter
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
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO nodes (id, position_0, position_1, position_2, size, filtered) VALUES ($id, $p0, $p1, $p2, $size, $filtered)";
            command.Parameters.AddWithValue("$id", (long)nodes.Ids[i]);
            command.Parameters.AddWithValue("$p0", (double)nodes.Positions[3 * i]);
            command.Parameters.AddWithValue("$p1", (double)nodes.Positions[3 * i + 1]);
            command.Parameters.AddWithValue("$p2", (double)nodes.Positions[3 * i + 2]);
            command.Parameters.AddWithValue("$size", sizes[i]);
            command.Parameters.AddWithValue("$filtered", filtered[i]);
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
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO edges (u, v, distance, xy_aff, z_aff) VALUES ($u, $v, $distance, $xy, $z)";
            command.Parameters.AddWithValue("$u", (long)Math.Min(edges.U[i], edges.V[i]));
            command.Parameters.AddWithValue("$v", (long)Math.Max(edges.U[i], edges.V[i]));
            command.Parameters.AddWithValue("$distance", (double)distance[i]);
            command.Parameters.AddWithValue("$xy", (double)xy[i]);
            command.Parameters.AddWithValue("$z", (double)z[i]);
            written += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return written;
    }

    private static SqliteConnection Open(GraphDatabaseConfig config)
    {
        var connection = new SqliteConnection($"Data Source={((SqliteGraphConfig)config).Path}");
        connection.Open();
        return connection;
    }
}
