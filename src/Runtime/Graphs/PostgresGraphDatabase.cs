using Npgsql;
using NpgsqlTypes;

namespace Volara.Runtime.Graphs;

/// <summary>
/// funlib.persistence's PostgreSQL graph layout: <c>nodes(id BIGINT NOT NULL PRIMARY KEY, position REAL[], attrs…)</c>
/// with index <c>pos_index</c> on the position elements, <c>edges(u BIGINT, v BIGINT, attrs…, PRIMARY KEY (u, v))</c> and
/// <c>metadata(value VARCHAR)</c> holding the JSON metadata. Writes are a binary COPY of the rows in key order; see
/// <see cref="Insert"/> for how existing keys are ignored.
/// </summary>
internal sealed class PostgresGraphDatabase : SqlGraphDatabase
{
    // Serialises the schema checks and DDL of concurrent openers of one database.
    private const long SchemaLockKey = 0x566F6C617261;

    private readonly NpgsqlConnection _connection;

    private PostgresGraphDatabase(PostgresGraphConfig config, GraphOpenMode mode, GraphSchema schema, NpgsqlConnection connection)
        : base(config.Name, mode, schema)
    {
        _connection = connection;
    }

    public static PostgresGraphDatabase Open(PostgresGraphConfig config, GraphOpenMode mode)
    {
        var schema = config.Schema;
        if (!EnsureDatabase(config, create: mode != GraphOpenMode.Read))
        {
            throw new GraphNotFoundException($"graph database '{config.Name}' on {config.Host}: the database does not exist, so its metadata does not either; create the graph first (init or mode w)");
        }

        var connection = Connect(config);
        var database = new PostgresGraphDatabase(config, mode, schema, connection);
        try
        {
            database.Prepare();
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Drops the nodes, edges and metadata tables; a missing database is fine.</summary>
    public static void Drop(PostgresGraphConfig config)
    {
        if (!EnsureDatabase(config, create: false))
        {
            return;
        }

        using var connection = Connect(config);
        Execute(connection, "DROP TABLE IF EXISTS nodes, edges, metadata");
    }

    public static void DropIndex(PostgresGraphConfig config)
    {
        using var connection = Connect(config);
        Execute(connection, "DROP INDEX IF EXISTS pos_index");
    }

    public static void CreateIndex(PostgresGraphConfig config)
    {
        using var connection = Connect(config);
        Execute(connection, PositionIndexSql(config.Ndim));
    }

    /// <summary>True when the database exists (after creating it when asked to).</summary>
    public static bool EnsureDatabase(PostgresGraphConfig config, bool create)
    {
        using var admin = PostgresDataSources.For(config.ConnectionString("postgres")).OpenConnection();
        using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = config.Name });
            if (exists.ExecuteScalar() is not null)
            {
                return true;
            }
        }

        if (!create)
        {
            return false;
        }

        try
        {
            Execute(admin, $"CREATE DATABASE {QuoteIdentifier(config.Name)}");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another opener created it first.
        }

        return true;
    }

    internal override void DropEdgesTable()
    {
        using var transaction = _connection.BeginTransaction();
        Execute(_connection, "DROP TABLE IF EXISTS edges");
        Execute(_connection, CreateEdgesSql());
        transaction.Commit();
    }

    private protected override NodeTable ReadNodes(RoiBounds bounds)
    {
        var dims = Schema.Dims;
        var select = new List<string> { "id" };
        for (var d = 0; d < dims; d++)
        {
            select.Add($"position[{d + 1}]");
        }

        select.AddRange(Schema.NodeAttributes.SelectMany(SelectExploded));
        var sql = $"SELECT {string.Join(", ", select)} FROM nodes WHERE {bounds.SqlCondition(PositionElement)} ORDER BY id";
        var table = CreateNodeTable();
        using var command = new NpgsqlCommand(sql, _connection);
        using var reader = Run(command, "nodes", c => c.ExecuteReader());
        while (reader.Read())
        {
            var row = table.Count;
            table.Resize(row + 1);
            table.Ids[row] = (ulong)reader.GetInt64(0);
            var position = table.Position(row);
            for (var d = 0; d < dims; d++)
            {
                position[d] = reader.GetFloat(1 + d);
            }

            ReadAttributes(reader, table, row, 1 + dims);
        }

        return table;
    }

    private protected override EdgeTable ReadEdges(RoiBounds bounds, bool fetchOnV)
    {
        var columns = string.Join(", ", new[] { "e.u", "e.v" }.Concat(Schema.EdgeAttributes.SelectMany(a => SelectExploded(a).Select(c => "e." + c))));
        string sql;
        if (bounds.IsUnbounded)
        {
            sql = $"SELECT {columns} FROM edges e ORDER BY e.u, e.v";
        }
        else
        {
            var inRoi = $"SELECT id FROM nodes WHERE {bounds.SqlCondition(PositionElement)}";
            sql = fetchOnV
                ? $"SELECT {columns} FROM edges e WHERE e.u IN ({inRoi}) OR e.v IN ({inRoi}) ORDER BY e.u, e.v"
                : $"SELECT {columns} FROM edges e WHERE e.u IN ({inRoi}) ORDER BY e.u, e.v";
        }

        var table = CreateEdgeTable();
        using var command = new NpgsqlCommand(sql, _connection);
        using var reader = Run(command, "edges", c => c.ExecuteReader());
        while (reader.Read())
        {
            var row = table.Count;
            table.Resize(row + 1);
            table.U[row] = (ulong)reader.GetInt64(0);
            table.V[row] = (ulong)reader.GetInt64(1);
            ReadAttributes(reader, table, row, 2);
        }

        return table;
    }

    private protected override HashSet<ulong> ReadNodeIds(RoiBounds bounds)
    {
        var ids = new HashSet<ulong>();
        using var command = new NpgsqlCommand($"SELECT id FROM nodes WHERE {bounds.SqlCondition(PositionElement)}", _connection);
        using var reader = Run(command, "nodes", c => c.ExecuteReader());
        while (reader.Read())
        {
            ids.Add((ulong)reader.GetInt64(0));
        }

        return ids;
    }

    private protected override int InsertNodes(NodeTable nodes, int[] rows)
    {
        var columns = new List<string> { "id", GraphSchema.PositionAttribute };
        columns.AddRange(Schema.NodeAttributes.Select(a => a.Name));
        var position = new float[Schema.Dims];
        return Insert("nodes", columns, "id", importer =>
        {
            var buffers = new PostgresAttributeWriter(nodes);
            foreach (var row in rows)
            {
                importer.StartRow();
                importer.Write((long)nodes.Ids[row], NpgsqlDbType.Bigint);
                nodes.Position(row).CopyTo(position);
                importer.Write(position, NpgsqlDbType.Array | NpgsqlDbType.Real);
                buffers.Write(importer, row);
            }
        });
    }

    private protected override int InsertEdges(EdgeTable edges, int[] rows)
    {
        var columns = new List<string> { "u", "v" };
        columns.AddRange(Schema.EdgeAttributes.Select(a => a.Name));
        return Insert("edges", columns, "u, v", importer =>
        {
            var buffers = new PostgresAttributeWriter(edges);
            foreach (var row in rows)
            {
                var u = edges.U[row];
                var v = edges.V[row];
                importer.StartRow();
                importer.Write((long)Math.Min(u, v), NpgsqlDbType.Bigint);
                importer.Write((long)Math.Max(u, v), NpgsqlDbType.Bigint);
                buffers.Write(importer, row);
            }
        });
    }

    private protected override void Close() => _connection.Dispose();

    private static NpgsqlConnection Connect(PostgresGraphConfig config) =>
        PostgresDataSources.For(config.ConnectionString(config.Name)).OpenConnection();

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string PositionElement(int dim) => $"position[{dim + 1}]";

    /// <summary>
    /// The position index on the elements <c>(position[1]), (position[2]), …</c>: funlib indexes the array itself, which
    /// the per-element ROI conditions cannot use, and which costs about 1.5× more per insert and 3× more to rebuild.
    /// </summary>
    private static string PositionIndexSql(int dims) =>
        $"CREATE INDEX IF NOT EXISTS pos_index ON nodes ({string.Join(", ", Enumerable.Range(0, dims).Select(d => $"({PositionElement(d)})"))})";

    private static string SqlType(GraphValueKind kind) => kind switch
    {
        GraphValueKind.Float => "REAL",
        GraphValueKind.Int => "BIGINT",
        GraphValueKind.Bool => "BOOLEAN",
        GraphValueKind.Str => "VARCHAR",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string ColumnType(GraphAttributeType type) =>
        type.IsVector ? $"{SqlType(type.Kind)}[{type.Length}]" : SqlType(type.Kind);

    /// <summary>Select expressions of an attribute, a vector as its elements (no array allocation per row on read).</summary>
    private static IEnumerable<string> SelectExploded(GraphAttribute attribute) =>
        attribute.Type.IsVector
            ? Enumerable.Range(1, attribute.Type.Length).Select(i => $"{attribute.Name}[{i}]")
            : [attribute.Name];

    private static void ReadAttributes(NpgsqlDataReader reader, GraphTable table, int row, int firstColumn)
    {
        var index = firstColumn;
        foreach (var column in table.Columns)
        {
            var width = column.Width;
            var isNull = false;
            for (var k = 0; k < width; k++)
            {
                isNull |= reader.IsDBNull(index + k);
            }

            if (isNull)
            {
                column.SetNull(row);
                index += width;
                continue;
            }

            for (var k = 0; k < width; k++)
            {
                switch (column)
                {
                    case FloatColumn floats:
                        floats.Row(row)[k] = reader.GetFloat(index + k);
                        break;
                    case IntColumn ints:
                        ints.Row(row)[k] = reader.GetInt64(index + k);
                        break;
                    case BoolColumn bools:
                        bools.Row(row)[k] = reader.GetBoolean(index + k);
                        break;
                    case StringColumn strings:
                        strings.Row(row)[k] = reader.GetString(index + k);
                        break;
                }
            }

            index += width;
        }
    }

    /// <summary>
    /// Fast path: binary COPY straight into the table (rows come sorted by key, so concurrent writers lock in one
    /// order). Only when that hits an existing key is it rolled back to a savepoint and redone through a staging
    /// table with <c>INSERT … ON CONFLICT DO NOTHING</c>, which is about twice as slow.
    /// </summary>
    private int Insert(string table, List<string> columns, string keyOrder, Action<NpgsqlBinaryImporter> copyRows)
    {
        return Run(_connection, table, connection =>
        {
            using var transaction = connection.BeginTransaction();
            transaction.Save("direct");
            try
            {
                var copied = Copy(connection, table, columns, copyRows);
                transaction.Commit();
                return copied;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                transaction.Rollback("direct");
            }

            var stage = table + "_stage";
            Execute(connection, $"CREATE TEMP TABLE {stage} (LIKE {table}) ON COMMIT DROP");
            Copy(connection, stage, columns, copyRows);
            using var insert = new NpgsqlCommand(
                $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {string.Join(", ", columns)} FROM {stage} ORDER BY {keyOrder} ON CONFLICT DO NOTHING",
                connection);
            var inserted = insert.ExecuteNonQuery();
            transaction.Commit();
            return inserted;
        });
    }

    private static int Copy(NpgsqlConnection connection, string table, List<string> columns, Action<NpgsqlBinaryImporter> copyRows)
    {
        using var importer = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        copyRows(importer);
        return checked((int)importer.Complete());
    }

    private void Prepare()
    {
        Run(_connection, "metadata", connection =>
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, $"SELECT pg_advisory_xact_lock({SchemaLockKey})");
            if (Mode == GraphOpenMode.Write)
            {
                Execute(connection, "DROP TABLE IF EXISTS nodes, edges, metadata");
            }

            var metadata = ReadMetadata(connection);
            if (metadata is not null)
            {
                GraphMetadata.Verify(metadata, Schema, Name);
            }
            else if (Mode == GraphOpenMode.Read)
            {
                throw new GraphNotFoundException($"graph database '{Name}': metadata does not exist (no table 'metadata'); create the graph first (init or mode w)");
            }
            else
            {
                Execute(connection, "CREATE TABLE IF NOT EXISTS metadata (value VARCHAR)");
                using var insert = new NpgsqlCommand("INSERT INTO metadata (value) VALUES ($1)", connection);
                insert.Parameters.Add(new NpgsqlParameter { Value = GraphMetadata.ToJson(Schema) });
                insert.ExecuteNonQuery();
            }

            var nodeColumns = new List<string> { "id", GraphSchema.PositionAttribute };
            nodeColumns.AddRange(Schema.NodeAttributes.Select(a => a.Name));
            var edgeColumns = new List<string> { "u", "v" };
            edgeColumns.AddRange(Schema.EdgeAttributes.Select(a => a.Name));
            var nodesExist = VerifyTable(connection, "nodes", nodeColumns, required: Mode == GraphOpenMode.Read);
            VerifyTable(connection, "edges", edgeColumns, required: Mode == GraphOpenMode.Read);
            if (Mode != GraphOpenMode.Read)
            {
                if (!nodesExist)
                {
                    // The index comes with the table only: a bulk-write mode may have dropped it on purpose.
                    var attributes = Schema.NodeAttributes.Select(a => $"{a.Name} {ColumnType(a.Type)}");
                    Execute(connection, $"CREATE TABLE IF NOT EXISTS nodes (id BIGINT NOT NULL PRIMARY KEY, position REAL[{Schema.Dims}]{string.Concat(attributes.Select(a => ", " + a))})");
                    Execute(connection, PositionIndexSql(Schema.Dims));
                }

                Execute(connection, CreateEdgesSql());
            }

            transaction.Commit();
            return 0;
        });
    }

    private string CreateEdgesSql() =>
        $"CREATE TABLE IF NOT EXISTS edges (u BIGINT NOT NULL, v BIGINT NOT NULL{string.Concat(Schema.EdgeAttributes.Select(a => $", {a.Name} {ColumnType(a.Type)}"))}, PRIMARY KEY (u, v))";

    private static string? ReadMetadata(NpgsqlConnection connection)
    {
        using var exists = new NpgsqlCommand("SELECT to_regclass('metadata') IS NOT NULL", connection);
        if (!(bool)exists.ExecuteScalar()!)
        {
            return null;
        }

        using var read = new NpgsqlCommand("SELECT value FROM metadata LIMIT 1", connection);
        return read.ExecuteScalar() as string;
    }

    /// <summary>Checks a table's columns; false when the table does not exist (and may not have to).</summary>
    private bool VerifyTable(NpgsqlConnection connection, string table, List<string> expected, bool required)
    {
        var actual = new List<string>();
        using (var command = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = table });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                actual.Add(reader.GetString(0));
            }
        }

        return GraphTableCheck.Verify(Name, table, actual, expected, required);
    }

    private T Run<T>(NpgsqlCommand command, string table, Func<NpgsqlCommand, T> work) =>
        Run(_connection, table, _ => work(command));

    private T Run<T>(NpgsqlConnection connection, string table, Func<NpgsqlConnection, T> work)
    {
        try
        {
            return work(connection);
        }
        catch (PostgresException e)
        {
            throw new GraphDatabaseException($"graph database '{Name}', table '{table}': {e.MessageText} ({e.SqlState})", e);
        }
    }
}
