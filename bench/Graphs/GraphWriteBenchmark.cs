using System.Diagnostics;
using Volara.Runtime.Graphs;

namespace Volara.Bench.Graphs;

/// <summary>
/// Graph writes as the segmentation tasks do them (ExtractFrags: nodes with position, size, filtered; AffAgglom: edges
/// with two score attributes): our <see cref="IGraphDatabase.WriteNodes"/>/<see cref="IGraphDatabase.WriteEdges"/>
/// (SQLite: prepared statements in one transaction; PostgreSQL: binary COPY into a staging table, then insert … on
/// conflict do nothing) against a straightforward writer issuing one parameterised INSERT per row (in one transaction,
/// on the same schema), as funlib.persistence's row-wise writes do. Node writes are measured plainly (the position
/// index maintained per row) and in the driver's bulk-write mode (index dropped, rebuilt at the end, rebuild timed).
/// Rates in rows per second.
/// </summary>
public sealed class GraphWriteBenchmark(GraphBackend backend) : IBenchmark
{
    private static readonly Dictionary<string, string> EdgeAttrs = new() { ["xy_aff"] = "float", ["z_aff"] = "float" };

    public string Name => $"graph writes {backend.Name}";

    public IReadOnlyList<BenchmarkResult> Run(BenchSettings settings)
    {
        var rows = settings.Quick ? 200_000 : 1_000_000;
        // The row-at-a-time peer is slow; its rate is measured on fewer rows.
        var peerRows = settings.Quick ? 20_000 : 50_000;
        using var session = backend.Start(settings);
        var config = session.NewConfig(EdgeAttrs);

        var nodes = SyntheticNodes(config.Schema, rows);
        var edges = SyntheticEdges(config.Schema, rows);
        var peerNodes = SyntheticNodes(config.Schema, peerRows);
        var peerEdges = SyntheticEdges(config.Schema, peerRows);

        var oursNodes = BestRate(settings.Repeats, rows, config, db => Check(db.WriteNodes(nodes), rows));
        var oursEdges = BestRate(settings.Repeats, rows, config, db => Check(db.WriteEdges(edges), rows));
        var bulkNodes = BestBulkRate(settings.Repeats, rows, config, db => Check(db.WriteNodes(nodes), rows));
        var peerNodeRate = BestRate(settings.Repeats, peerRows, config, _ => Check(session.RowAtATime.WriteNodes(config, peerNodes), peerRows));
        var peerEdgeRate = BestRate(settings.Repeats, peerRows, config, _ => Check(session.RowAtATime.WriteEdges(config, peerEdges), peerRows));
        config.Drop();
        return
        [
            new BenchmarkResult($"{backend.Name} node writes ({rows:N0})", "nodes/s", oursNodes, peerNodeRate, "one INSERT per row"),
            new BenchmarkResult($"{backend.Name} node writes, bulk mode ({rows:N0})", "nodes/s", bulkNodes, peerNodeRate, "one INSERT per row"),
            new BenchmarkResult($"{backend.Name} edge writes ({rows:N0})", "rows/s", oursEdges, peerEdgeRate, "one INSERT per row"),
        ];
    }

    /// <summary>Fragments of a 3-d volume: one node per 8³ cell, ids as ExtractFrags makes them (large, sparse).</summary>
    private static NodeTable SyntheticNodes(GraphSchema schema, int count)
    {
        var nodes = new NodeTable(schema, count);
        nodes.Resize(count);
        var sizes = nodes.Ints("size");
        for (var i = 0; i < count; i++)
        {
            nodes.Ids[i] = 4_000_000_000UL + (ulong)i * 3;
            nodes.Positions[3 * i] = i % 128 * 8 + 4;
            nodes.Positions[3 * i + 1] = i / 128 % 128 * 8 + 4;
            nodes.Positions[3 * i + 2] = i / (128 * 128) * 8 + 4;
            sizes[i] = 100 + i % 400;
        }

        return nodes;
    }

    private static EdgeTable SyntheticEdges(GraphSchema schema, int count)
    {
        var edges = new EdgeTable(schema, count);
        edges.Resize(count);
        var xy = edges.Floats("xy_aff");
        var z = edges.Floats("z_aff");
        for (var i = 0; i < count; i++)
        {
            edges.U[i] = 4_000_000_000UL + (ulong)i * 3;
            edges.V[i] = 4_000_000_000UL + (ulong)(i + 1 + i % 7) * 3;
            xy[i] = i % 1000 / 1000f;
            z[i] = i % 997 / 997f;
            edges.Floats("distance")[i] = 1;
        }

        return edges;
    }

    private static double BestRate(int repeats, int rows, GraphDatabaseConfig config, Action<IGraphDatabase> write)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < repeats; i++)
        {
            // A fresh, empty graph each time; only the write is timed.
            using var db = config.Open(GraphOpenMode.Write);
            var start = Stopwatch.GetTimestamp();
            write(db);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return rows / best;
    }

    /// <summary>Like <see cref="BestRate"/> inside the driver's bulk-write mode; the timing includes the index rebuild.</summary>
    private static double BestBulkRate(int repeats, int rows, GraphDatabaseConfig config, Action<IGraphDatabase> write)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < repeats; i++)
        {
            config.Open(GraphOpenMode.Write).Dispose();
            var start = Stopwatch.GetTimestamp();
            using (config.BeginBulkWrite())
            {
                using var db = config.Open(GraphOpenMode.ReadWrite);
                write(db);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return rows / best;
    }

    private static void Check(int written, int expected)
    {
        if (written != expected)
        {
            throw new InvalidOperationException($"wrote {written} rows, expected {expected}");
        }
    }
}
