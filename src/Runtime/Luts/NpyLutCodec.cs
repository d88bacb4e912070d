using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Volara.Runtime.Luts;

/// <summary>
/// The <c>.npy</c> format (versions 1–3) for the one array a look-up table holds: a 2×N integer array. Writes
/// little-endian uint64 in C order; reads any little-endian integer type in C or Fortran order (volara saves
/// platform int64).
/// </summary>
internal static class NpyLutCodec
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void Write(Stream stream, FragmentSegmentLut lut)
    {
        string dictionary = $"{{'descr': '<u8', 'fortran_order': False, 'shape': (2, {lut.Count}), }}";
        // numpy pads the header with spaces so the data starts on a 64-byte boundary, ending with '\n'.
        int unpadded = Magic.Length + 2 + 2 + dictionary.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        string header = dictionary + new string(' ', padding) + "\n";

        Span<byte> prefix = stackalloc byte[10];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], checked((ushort)header.Length));
        stream.Write(prefix);
        stream.Write(Encoding.ASCII.GetBytes(header));
        WriteRow(stream, lut.Fragments);
        WriteRow(stream, lut.Segments);
    }

    public static FragmentSegmentLut Read(Stream stream, string file)
    {
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, file);
        if (!prefix[..6].SequenceEqual(Magic))
        {
            throw new LutFormatException($"look-up table '{file}': '{Lut.ArrayName}.npy' is not a .npy array");
        }

        int major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> length = stackalloc byte[2];
            ReadExactly(stream, length, file);
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(length);
        }
        else if (major is 2 or 3)
        {
            Span<byte> length = stackalloc byte[4];
            ReadExactly(stream, length, file);
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(length));
        }
        else
        {
            throw new LutFormatException($"look-up table '{file}': unsupported .npy version {major}");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, file);
        string header = Encoding.UTF8.GetString(headerBytes);
        string descr = QuotedValue(header, "descr", file);
        bool fortran = header.Contains("'fortran_order': True", StringComparison.Ordinal);
        long[] shape = Shape(header, file);
        if (shape.Length != 2 || shape[0] != 2)
        {
            throw new LutFormatException($"look-up table '{file}': '{Lut.ArrayName}' must be 2×N, it is ({string.Join(", ", shape)})");
        }

        int count = checked((int)shape[1]);
        var (size, signed) = ElementType(descr, file);
        var data = new byte[checked(2L * count * size)];
        ReadExactly(stream, data, file);

        var fragments = new ulong[count];
        var segments = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            // C order: row 0 then row 1; Fortran order: the two values of each column side by side.
            int fragmentIndex = fortran ? 2 * i : i;
            int segmentIndex = fortran ? 2 * i + 1 : count + i;
            fragments[i] = Element(data, fragmentIndex, size, signed, file);
            segments[i] = Element(data, segmentIndex, size, signed, file);
        }

        return new FragmentSegmentLut(fragments, segments);
    }

    private static void WriteRow(Stream stream, ulong[] row)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(row.AsSpan()));
            return;
        }

        Span<byte> value = stackalloc byte[8];
        foreach (ulong id in row)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(value, id);
            stream.Write(value);
        }
    }

    private static ulong Element(byte[] data, int index, int size, bool signed, string file)
    {
        var bytes = data.AsSpan(index * size, size);
        long value = (size, signed) switch
        {
            (8, false) => unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(bytes)),
            (8, true) => BinaryPrimitives.ReadInt64LittleEndian(bytes),
            (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            (4, true) => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            (2, true) => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            (1, false) => bytes[0],
            _ => (sbyte)bytes[0],
        };
        if (signed && value < 0)
        {
            throw new LutFormatException($"look-up table '{file}': negative id {value} in '{Lut.ArrayName}'");
        }

        return unchecked((ulong)value);
    }

    private static (int Size, bool Signed) ElementType(string descr, string file)
    {
        if (descr.Length == 3 && (descr[0] is '<' or '|') && (descr[1] is 'u' or 'i') && descr[2] is '1' or '2' or '4' or '8')
        {
            return (descr[2] - '0', descr[1] == 'i');
        }

        throw new LutFormatException($"look-up table '{file}': '{Lut.ArrayName}' has dtype '{descr}'; expected a little-endian integer type");
    }

    private static string QuotedValue(string header, string key, string file)
    {
        string marker = $"'{key}': '";
        int start = header.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new LutFormatException($"look-up table '{file}': .npy header has no {key}: {header}");
        }

        start += marker.Length;
        return header[start..header.IndexOf('\'', start)];
    }

    private static long[] Shape(string header, string file)
    {
        const string marker = "'shape': (";
        int start = header.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new LutFormatException($"look-up table '{file}': .npy header has no shape: {header}");
        }

        start += marker.Length;
        string inner = header[start..header.IndexOf(')', start)];
        var parts = inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            shape[i] = long.Parse(parts[i].TrimEnd('L'), System.Globalization.CultureInfo.InvariantCulture);
        }

        return shape;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string file)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new LutFormatException($"look-up table '{file}': '{Lut.ArrayName}.npy' is truncated");
        }
    }
}
