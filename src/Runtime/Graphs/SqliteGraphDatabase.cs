using Microsoft.Data.Sqlite;
using SQLitePCL;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Graphs;

/// <summary>
/// funlib.persistence's SQLite graph layout: <c>nodes(id INTEGER NOT NULL PRIMARY KEY, position_0 …, attrs…)</c> with
/// index <c>pos_index</c> on the position columns, <c>edges(u, v, attrs…, PRIMARY KEY (u, v))</c>, untyped columns,
/// metadata in <c>&lt;stem&gt;-meta.json</c>. The file is in WAL mode from creation on, so readers and one writer at a
/// time work concurrently; writers wait for each other (busy timeout) instead of failing.
/// </summary>
internal sealed class SqliteGraphDatabase : SqlGraphDatabase
{
    private const int BusyTimeoutMilliseconds = 120_000;
    private const int RowsPerStatement = 64;

    // SQLite's default limit on parameters per statement (SQLITE_MAX_VARIABLE_NUMBER).
    private const int MaxParameters = 32_766;

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;

    private SqliteGraphDatabase(SqliteGraphConfig config, GraphOpenMode mode, GraphSchema schema, SqliteConnection connection)
        : base(config.Path, mode, schema)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new GraphDatabaseException($"graph database '{config.Path}': no SQLite handle");
    }

    public static SqliteGraphDatabase Open(SqliteGraphConfig config, GraphOpenMode mode)
    {
        var schema = config.Schema;
        var metadataPath = config.MetadataPath;
        if (mode == GraphOpenMode.Read && !File.Exists(metadataPath))
        {
            throw new GraphNotFoundException($"graph database '{config.Path}': metadata does not exist ('{metadataPath}'); create the graph first (init or mode w)");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(config.Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = Connect(config.Path);
        var database = new SqliteGraphDatabase(config, mode, schema, connection);
        try
        {
            database.Prepare(metadataPath);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the database file (with its WAL files) and the metadata file.</summary>
    public static void Drop(SqliteGraphConfig config)
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { config.Path, config.Path + "-wal", config.Path + "-shm", config.MetadataPath })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    public static void DropIndex(SqliteGraphConfig config)
    {
        using var database = Open(config, GraphOpenMode.ReadWrite);
        database.Exec("DROP INDEX IF EXISTS pos_index");
    }

    public static void CreateIndex(SqliteGraphConfig config)
    {
        using var database = Open(config, GraphOpenMode.ReadWrite);
        database.Exec(database.CreateIndexSql());
    }

    internal override void DropEdgesTable()
    {
        InTransaction(() =>
        {
            Exec("DROP TABLE IF EXISTS edges");
            Exec(CreateEdgesSql());
            return 0;
        });
    }

    private protected override NodeTable ReadNodes(RoiBounds bounds)
    {
        var columns = SqlColumns.Nodes(Schema);
        var sql = $"SELECT {string.Join(", ", columns)} FROM nodes WHERE {bounds.SqlCondition(SqlColumns.Position)} ORDER BY id";
        var table = CreateNodeTable();
        using var statement = Prepare(sql, "nodes");
        var dims = Schema.Dims;
        while (statement.Step())
        {
            var row = table.Count;
            table.Resize(row + 1);
            table.Ids[row] = (ulong)statement.Int64(0);
            var position = table.Position(row);
            for (var d = 0; d < dims; d++)
            {
                position[d] = (float)statement.Double(1 + d);
            }

            ReadAttributes(statement, table, row, 1 + dims);
        }

        return table;
    }

    private protected override EdgeTable ReadEdges(RoiBounds bounds, bool fetchOnV)
    {
        var columns = string.Join(", ", SqlColumns.Edges(Schema).Select(c => "e." + c));
        string sql;
        if (bounds.IsUnbounded)
        {
            sql = $"SELECT {columns} FROM edges e ORDER BY e.u, e.v";
        }
        else
        {
            var inRoi = $"SELECT id FROM nodes WHERE {bounds.SqlCondition(SqlColumns.Position)}";
            sql = fetchOnV
                ? $"SELECT {columns} FROM edges e WHERE e.u IN ({inRoi}) OR e.v IN ({inRoi}) ORDER BY e.u, e.v"
                : $"SELECT {columns} FROM edges e WHERE e.u IN ({inRoi}) ORDER BY e.u, e.v";
        }

        var table = CreateEdgeTable();
        using var statement = Prepare(sql, "edges");
        while (statement.Step())
        {
            var row = table.Count;
            table.Resize(row + 1);
            table.U[row] = (ulong)statement.Int64(0);
            table.V[row] = (ulong)statement.Int64(1);
            ReadAttributes(statement, table, row, 2);
        }

        return table;
    }

    private protected override HashSet<ulong> ReadNodeIds(RoiBounds bounds)
    {
        var ids = new HashSet<ulong>();
        using var statement = Prepare($"SELECT id FROM nodes WHERE {bounds.SqlCondition(SqlColumns.Position)}", "nodes");
        while (statement.Step())
        {
            ids.Add((ulong)statement.Int64(0));
        }

        return ids;
    }

    private protected override int InsertNodes(NodeTable nodes, int[] rows)
    {
        var dims = Schema.Dims;
        return InsertRows("nodes", SqlColumns.Nodes(Schema), rows, (statement, row, parameter) =>
        {
            statement.BindInt64(parameter, (long)nodes.Ids[row]);
            var position = nodes.Position(row);
            for (var d = 0; d < dims; d++)
            {
                statement.BindDouble(parameter + 1 + d, position[d]);
            }

            BindAttributes(statement, nodes, row, parameter + 1 + dims);
        });
    }

    private protected override int InsertEdges(EdgeTable edges, int[] rows)
    {
        return InsertRows("edges", SqlColumns.Edges(Schema), rows, (statement, row, parameter) =>
        {
            var u = edges.U[row];
            var v = edges.V[row];
            statement.BindInt64(parameter, (long)Math.Min(u, v));
            statement.BindInt64(parameter + 1, (long)Math.Max(u, v));
            BindAttributes(statement, edges, row, parameter + 2);
        });
    }

    private protected override void Close() => _connection.Dispose();

    private static SqliteConnection Connect(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
        return connection;
    }

    private static void BindAttributes(SqliteStatement statement, GraphTable table, int row, int firstParameter)
    {
        var parameter = firstParameter;
        foreach (var column in table.Columns)
        {
            var width = column.Width;
            if (column.HasNulls && column.IsNull(row))
            {
                for (var k = 0; k < width; k++)
                {
                    statement.BindNull(parameter++);
                }

                continue;
            }

            switch (column)
            {
                case FloatColumn floats:
                    foreach (var value in floats.Row(row))
                    {
                        statement.BindDouble(parameter++, value);
                    }

                    break;
                case IntColumn ints:
                    foreach (var value in ints.Row(row))
                    {
                        statement.BindInt64(parameter++, value);
                    }

                    break;
                case BoolColumn bools:
                    foreach (var value in bools.Row(row))
                    {
                        statement.BindInt64(parameter++, value ? 1 : 0);
                    }

                    break;
                case StringColumn strings:
                    foreach (var value in strings.Row(row))
                    {
                        if (value is null)
                        {
                            statement.BindNull(parameter++);
                        }
                        else
                        {
                            statement.BindText(parameter++, value);
                        }
                    }

                    break;
            }
        }
    }

    private static void ReadAttributes(SqliteStatement statement, GraphTable table, int row, int firstColumn)
    {
        var index = firstColumn;
        foreach (var column in table.Columns)
        {
            var width = column.Width;
            var isNull = false;
            for (var k = 0; k < width; k++)
            {
                isNull |= statement.IsNull(index + k);
            }

            if (isNull)
            {
                column.SetNull(row);
                index += width;
                continue;
            }

            switch (column)
            {
                case FloatColumn floats:
                    var f = floats.Row(row);
                    for (var k = 0; k < width; k++)
                    {
                        f[k] = (float)statement.Double(index + k);
                    }

                    break;
                case IntColumn ints:
                    var i = ints.Row(row);
                    for (var k = 0; k < width; k++)
                    {
                        i[k] = statement.Int64(index + k);
                    }

                    break;
                case BoolColumn bools:
                    var b = bools.Row(row);
                    for (var k = 0; k < width; k++)
                    {
                        b[k] = statement.Int64(index + k) != 0;
                    }

                    break;
                case StringColumn strings:
                    var s = strings.Row(row);
                    for (var k = 0; k < width; k++)
                    {
                        s[k] = statement.Text(index + k);
                    }

                    break;
            }

            index += width;
        }
    }

    private void Prepare(string metadataPath)
    {
        Exec("PRAGMA synchronous=NORMAL");

        // A large write transaction otherwise spills its dirty pages to the WAL half-way (default cache 2 MB).
        Exec("PRAGMA cache_size=-65536");
        if (Mode != GraphOpenMode.Read)
        {
            // WAL from the start: switching later fails while other connections hold the file.
            Exec("PRAGMA journal_mode=WAL");
        }

        if (Mode == GraphOpenMode.Write)
        {
            File.Delete(metadataPath);
            InTransaction(() =>
            {
                Exec("DROP TABLE IF EXISTS nodes");
                Exec("DROP TABLE IF EXISTS edges");
                return 0;
            });
        }

        if (File.Exists(metadataPath))
        {
            GraphMetadata.Verify(File.ReadAllText(metadataPath), Schema, Name);
        }
        else
        {
            WriteMetadata(metadataPath);
        }

        if (Mode == GraphOpenMode.Read)
        {
            VerifyTable("nodes", SqlColumns.Nodes(Schema), required: true);
            VerifyTable("edges", SqlColumns.Edges(Schema), required: true);
            return;
        }

        InTransaction(() =>
        {
            if (!VerifyTable("nodes", SqlColumns.Nodes(Schema), required: false))
            {
                // The index comes with the table only: a bulk-write mode may have dropped it on purpose.
                Exec($"CREATE TABLE IF NOT EXISTS nodes (id INTEGER NOT NULL PRIMARY KEY, {string.Join(", ", SqlColumns.Nodes(Schema).Skip(1))})");
                Exec(CreateIndexSql());
            }

            VerifyTable("edges", SqlColumns.Edges(Schema), required: false);
            Exec(CreateEdgesSql());
            return 0;
        });
    }

    private string CreateIndexSql() =>
        $"CREATE INDEX IF NOT EXISTS pos_index ON nodes ({string.Join(", ", Enumerable.Range(0, Schema.Dims).Select(SqlColumns.Position))})";

    private string CreateEdgesSql() =>
        $"CREATE TABLE IF NOT EXISTS edges (u INTEGER NOT NULL, v INTEGER NOT NULL, {string.Join(", ", SqlColumns.Edges(Schema).Skip(2).Append("PRIMARY KEY (u, v)"))})";

    private void WriteMetadata(string metadataPath)
    {
        // Concurrent openers never see a partial file.
        AtomicFile.WriteAllText(metadataPath, GraphMetadata.ToJson(Schema));
    }

    /// <summary>Checks a table's columns; false when the table does not exist (and may not have to).</summary>
    private bool VerifyTable(string table, List<string> expected, bool required)
    {
        var actual = new List<string>();
        using (var statement = Prepare($"PRAGMA table_info({table})", table))
        {
            while (statement.Step())
            {
                actual.Add(statement.Text(1)!);
            }
        }

        return GraphTableCheck.Verify(Name, table, actual, expected, required);
    }

    /// <summary>
    /// <c>INSERT OR IGNORE</c> of the rows in one transaction, <see cref="RowsPerStatement"/> rows per prepared
    /// statement (a multi-row <c>VALUES</c> list runs the statement machinery once for all of them).
    /// </summary>
    private int InsertRows(string table, List<string> columns, int[] rows, Action<SqliteStatement, int, int> bind)
    {
        var perStatement = Math.Clamp(MaxParameters / columns.Count, 1, RowsPerStatement);
        var tuple = $"({string.Join(", ", columns.Select(_ => "?"))})";
        string Sql(int count) => $"INSERT OR IGNORE INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(", ", Enumerable.Repeat(tuple, count))}";
        return InTransaction(() =>
        {
            var inserted = 0;
            var next = 0;
            if (rows.Length >= perStatement)
            {
                using var batch = Prepare(Sql(perStatement), table);
                for (; next + perStatement <= rows.Length; next += perStatement)
                {
                    for (var r = 0; r < perStatement; r++)
                    {
                        bind(batch, rows[next + r], 1 + r * columns.Count);
                    }

                    inserted += batch.Execute();
                }
            }

            if (next < rows.Length)
            {
                using var single = Prepare(Sql(1), table);
                for (; next < rows.Length; next++)
                {
                    bind(single, rows[next], 1);
                    inserted += single.Execute();
                }
            }

            return inserted;
        });
    }

    private T InTransaction<T>(Func<T> work)
    {
        // IMMEDIATE takes the write lock up front: two deferred writers could otherwise deadlock on upgrade.
        Exec("BEGIN IMMEDIATE");
        try
        {
            var result = work();
            Exec("COMMIT");
            return result;
        }
        catch
        {
            Exec("ROLLBACK");
            throw;
        }
    }

    private SqliteStatement Prepare(string sql, string table) => new(_db, sql, $"graph database '{Name}', table '{table}'");

    private void Exec(string sql) => SqliteStatement.Exec(_db, sql, $"graph database '{Name}'");
}
