using Npgsql;
using Volara.Runtime.Graphs;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Graphs;

/// <summary>
/// Many writers on one PostgreSQL graph at once, as blockwise workers write it: overlapping nodes and edges in bulk
/// mode (binary COPY, falling back to insert-or-ignore on conflicts) end up stored exactly once, and a pool sized for
/// fewer connections than writers makes them wait their turn rather than fail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrentWritersTests(PostgresServer server)
{
    private const int Writers = 8;
    private const int NodesPerWriter = 240;
    private const int Rounds = 4;

    [Fact]
    public void EightWritersOfOverlappingBlocksStoreEveryNodeAndEdgeOnceWithinThePool()
    {
        var name = PostgresServer.NewDatabaseName();
        var config = PostgresGraphConfig.FromConnectionString(server.ConnectionStringFor(name)) with { MaxPoolSize = PostgresGraphConfig.PoolSizeFor(3) };
        config.Init();

        var nodesWritten = new int[Writers];
        var edgesWritten = new int[Writers];
        using (config.BeginBulkWrite())
        {
            using var start = new Barrier(Writers);
            var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
            {
                start.SignalAndWait();
                for (int round = 0; round < Rounds; round++)
                {
                    // Each round opens its own handle, as each block does.
                    using var db = config.Open(GraphOpenMode.ReadWrite);
                    var (nodes, edges) = Block(db, w, round);
                    nodesWritten[w] += db.WriteNodes(nodes);
                    edgesWritten[w] += db.WriteEdges(edges);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        var (expectedNodes, expectedEdges) = Expected();
        using var read = config.Open(GraphOpenMode.Read);
        var storedNodes = read.ReadAllNodes();
        var storedEdges = read.ReadAllEdges();
        Assert.Equal(expectedNodes.Order(), storedNodes.Ids.ToArray());
        var pairs = Enumerable.Range(0, storedEdges.Count).Select(i => (storedEdges.U[i], storedEdges.V[i])).ToList();
        Assert.Equal(expectedEdges.Order(), pairs);
        for (int row = 0; row < storedNodes.Count; row++)
        {
            Assert.Equal(PositionOf(storedNodes.Ids[row]), storedNodes.Position(row).ToArray());
        }

        // Insert-or-ignore counts only what it inserted: the writers together inserted each row exactly once.
        Assert.Equal(expectedNodes.Count, nodesWritten.Sum());
        Assert.Equal(expectedEdges.Count, edgesWritten.Sum());
        Assert.InRange(ConnectionsTo(name), 1, config.MaxPoolSize!.Value);
    }

    /// <summary>Writer <paramref name="writer"/> covers ids [120·w, 120·w + 240): half of it overlaps the next writer.</summary>
    private static (NodeTable Nodes, EdgeTable Edges) Block(IGraphDatabase db, int writer, int round)
    {
        var nodes = db.CreateNodeTable();
        var edges = db.CreateEdgeTable();
        ulong first = (ulong)(writer * NodesPerWriter / 2);
        for (ulong id = first; id < first + NodesPerWriter; id++)
        {
            // Rounds repeat part of the previous round, as a retried block does.
            if ((int)(id % Rounds) > round + 1)
            {
                continue;
            }

            nodes.Add(id, PositionOf(id));
            foreach (var step in new ulong[] { 1, 7 })
            {
                if (id + step < first + NodesPerWriter)
                {
                    // Stored normalised (min, max) whichever way round they are written.
                    if (id % 2 == 0)
                    {
                        edges.Add(id, id + step);
                    }
                    else
                    {
                        edges.Add(id + step, id);
                    }
                }
            }
        }

        return (nodes, edges);
    }

    private static (HashSet<ulong> Nodes, HashSet<(ulong, ulong)> Edges) Expected()
    {
        var nodes = new HashSet<ulong>();
        var edges = new HashSet<(ulong, ulong)>();
        for (int writer = 0; writer < Writers; writer++)
        {
            ulong first = (ulong)(writer * NodesPerWriter / 2);
            for (ulong id = first; id < first + NodesPerWriter; id++)
            {
                nodes.Add(id);
                foreach (var step in new ulong[] { 1, 7 })
                {
                    if (id + step < first + NodesPerWriter)
                    {
                        edges.Add((id, id + step));
                    }
                }
            }
        }

        return (nodes, edges);
    }

    private static float[] PositionOf(ulong id) => [id % 5, id % 11, id];

    private int ConnectionsTo(string database)
    {
        // A separate, unpooled connection to the server's own database, so it is not counted.
        using var connection = new NpgsqlConnection(server.ConnectionString + ";Pooling=false");
        connection.Open();
        using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name", connection);
        count.Parameters.AddWithValue("name", database);
        return (int)(long)count.ExecuteScalar()!;
    }
}
