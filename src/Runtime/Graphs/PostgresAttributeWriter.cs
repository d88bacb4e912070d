using Npgsql;
using NpgsqlTypes;

namespace Volara.Runtime.Graphs;

/// <summary>
/// Writes a table's attribute values of one row into a binary COPY: scalars directly, vectors as array values through
/// one reused buffer per column (the importer serialises each value at once, so no array per row is allocated).
/// </summary>
internal sealed class PostgresAttributeWriter
{
    private readonly IReadOnlyList<AttributeColumn> _columns;
    private readonly Array?[] _buffers;

    public PostgresAttributeWriter(GraphTable table)
    {
        _columns = table.Columns;
        _buffers = new Array?[_columns.Count];
        for (var i = 0; i < _columns.Count; i++)
        {
            var column = _columns[i];
            if (column.Type.IsVector)
            {
                _buffers[i] = column switch
                {
                    FloatColumn => new float[column.Width],
                    IntColumn => new long[column.Width],
                    BoolColumn => new bool[column.Width],
                    _ => new string?[column.Width],
                };
            }
        }
    }

    public void Write(NpgsqlBinaryImporter importer, int row)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            var column = _columns[i];
            if (column.HasNulls && column.IsNull(row))
            {
                importer.WriteNull();
                continue;
            }

            var buffer = _buffers[i];
            switch (column)
            {
                case FloatColumn floats when buffer is float[] values:
                    floats.Row(row).CopyTo(values);
                    importer.Write(values, NpgsqlDbType.Array | NpgsqlDbType.Real);
                    break;
                case FloatColumn floats:
                    importer.Write(floats[row], NpgsqlDbType.Real);
                    break;
                case IntColumn ints when buffer is long[] values:
                    ints.Row(row).CopyTo(values);
                    importer.Write(values, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
                    break;
                case IntColumn ints:
                    importer.Write(ints[row], NpgsqlDbType.Bigint);
                    break;
                case BoolColumn bools when buffer is bool[] values:
                    bools.Row(row).CopyTo(values);
                    importer.Write(values, NpgsqlDbType.Array | NpgsqlDbType.Boolean);
                    break;
                case BoolColumn bools:
                    importer.Write(bools[row], NpgsqlDbType.Boolean);
                    break;
                case StringColumn strings when buffer is string?[] values:
                    strings.Row(row).CopyTo(values);
                    importer.Write(values, NpgsqlDbType.Array | NpgsqlDbType.Varchar);
                    break;
                case StringColumn strings when strings[row] is { } text:
                    importer.Write(text, NpgsqlDbType.Varchar);
                    break;
                default:
                    importer.WriteNull();
                    break;
            }
        }
    }
}
