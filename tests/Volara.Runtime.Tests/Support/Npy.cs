using System.Buffers.Binary;
using System.Text;

namespace Volara.Runtime.Tests.Support;

/// <summary>A parsed version 1/2/3 .npy file: its dtype string, memory order, shape and raw data bytes.</summary>
public sealed record Npy(string Descr, bool FortranOrder, long[] Shape, byte[] Data)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Object arrays hold a pickle, not element bytes.</summary>
    public bool IsObjectArray => Descr.Contains('O');

    public static Npy Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static Npy Parse(byte[] bytes, string name)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{name}: not a .npy file");
        }

        int major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            headerStart = 10;
        }
        else
        {
            headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
            headerStart = 12;
        }

        string header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        string descr = QuotedValue(header, "descr", name);
        bool fortran = header.Contains("'fortran_order': True", StringComparison.Ordinal);
        long[] shape = ParseShape(header, name);
        byte[] data = bytes.AsSpan(headerStart + headerLength).ToArray();
        return new Npy(descr, fortran, shape, data);
    }

    private static string QuotedValue(string header, string key, string name)
    {
        string marker = $"'{key}': '";
        int start = header.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException($"{name}: header has no {key}: {header}");
        }

        start += marker.Length;
        return header[start..header.IndexOf('\'', start)];
    }

    private static long[] ParseShape(string header, string name)
    {
        int start = header.IndexOf("'shape': (", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException($"{name}: header has no shape: {header}");
        }

        start += "'shape': (".Length;
        string inner = header[start..header.IndexOf(')', start)];
        return inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(long.Parse)
            .ToArray();
    }
}
