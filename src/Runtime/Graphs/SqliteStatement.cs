using SQLitePCL;

namespace Volara.Runtime.Graphs;

/// <summary>
/// A prepared statement on the raw SQLite handle: typed binds and column reads without the boxing of ADO.NET
/// parameters, which dominates row-at-a-time inserts of 10^5–10^6 rows.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _context;

    public SqliteStatement(sqlite3 db, string sql, string context)
    {
        _db = db;
        _context = context;
        Check(raw.sqlite3_prepare_v2(db, sql, out _statement), sql);
    }

    public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindDouble(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    public void BindText(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs to the next row: true when a row is available.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        raw.sqlite3_reset(_statement);
        throw Error(rc, null);
    }

    /// <summary>Runs a statement that returns no rows and resets it for the next binds; returns the rows changed.</summary>
    public int Execute()
    {
        Step();
        raw.sqlite3_reset(_statement);
        return raw.sqlite3_changes(_db);
    }

    public void Reset() => raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public double Double(int column) => raw.sqlite3_column_double(_statement, column);

    public string? Text(int column) => IsNull(column) ? null : raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public void Dispose() => raw.sqlite3_finalize(_statement);

    /// <summary>Runs SQL text (several statements allowed) without results.</summary>
    public static void Exec(sqlite3 db, string sql, string context)
    {
        var rc = raw.sqlite3_exec(db, sql, null, null, out var message);
        if (rc != raw.SQLITE_OK)
        {
            throw new GraphDatabaseException($"{context}: {message} (SQLite error {rc}) in: {sql}");
        }
    }

    private void Check(int rc, string? sql = null)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc, sql);
        }
    }

    private GraphDatabaseException Error(int rc, string? sql) =>
        new($"{_context}: {raw.sqlite3_errmsg(_db).utf8_to_string()} (SQLite error {rc}){(sql is null ? "" : " in: " + sql)}");
}
