using System.Buffers.Binary;
using System.Numerics;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// A simple greedy raw-snappy compressor: 4-byte hash matches within 64 KiB written as 2-byte-offset copies of
/// at most 64 bytes each, everything else as literal runs.
/// </summary>
internal static class SnappyEncoder
{
    private const int HashBits = 14;
    private const int MaxOffset = 65535;
    private const int MaxCopy = 64;
    private const int MinMatch = 4;

    [ThreadStatic]
    private static int[]? t_table;

    /// <summary>Compresses into <paramref name="output"/>; returns 0 when the result would not fit.</summary>
    public static int Encode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int op = 0;
        if (!TryWriteLength((uint)input.Length, output, ref op))
        {
            return 0;
        }

        var table = t_table ??= new int[1 << HashBits];
        Array.Clear(table);
        int literalStart = 0;
        int ip = 0;
        int matchLimit = input.Length - MinMatch;
        while (ip < matchLimit)
        {
            uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(input[ip..]);
            int hash = (int)((sequence * 0x1E35A7BDU) >> (32 - HashBits));
            int candidate = table[hash] - 1;
            table[hash] = ip + 1;
            if (candidate < 0 || ip - candidate > MaxOffset || BinaryPrimitives.ReadUInt32LittleEndian(input[candidate..]) != sequence)
            {
                ip++;
                continue;
            }

            int length = MatchLength(input, candidate, ip);
            if (!TryWriteLiteral(input[literalStart..ip], output, ref op) || !TryWriteCopies(ip - candidate, length, output, ref op))
            {
                return 0;
            }

            ip += length;
            literalStart = ip;
        }

        return TryWriteLiteral(input[literalStart..], output, ref op) ? op : 0;
    }

    private static int MatchLength(ReadOnlySpan<byte> input, int candidate, int ip)
    {
        int length = MinMatch;
        int longest = input.Length - ip;
        while (length + 8 <= longest)
        {
            ulong difference = BinaryPrimitives.ReadUInt64LittleEndian(input[(candidate + length)..])
                ^ BinaryPrimitives.ReadUInt64LittleEndian(input[(ip + length)..]);
            if (difference != 0)
            {
                return length + BitOperations.TrailingZeroCount(difference) / 8;
            }

            length += 8;
        }

        while (length < longest && input[candidate + length] == input[ip + length])
        {
            length++;
        }

        return length;
    }

    private static bool TryWriteLength(uint value, Span<byte> output, ref int op)
    {
        do
        {
            if (op >= output.Length)
            {
                return false;
            }

            output[op++] = (byte)(value < 0x80 ? value : (value & 0x7F) | 0x80);
            value >>= 7;
        }
        while (value != 0);
        return true;
    }

    private static bool TryWriteLiteral(ReadOnlySpan<byte> literal, Span<byte> output, ref int op)
    {
        if (literal.IsEmpty)
        {
            return true;
        }

        int n = literal.Length - 1;
        int extra = n < 60 ? 0 : n < 1 << 8 ? 1 : n < 1 << 16 ? 2 : n < 1 << 24 ? 3 : 4;
        if (op + 1 + extra + literal.Length > output.Length)
        {
            return false;
        }

        output[op++] = (byte)((extra == 0 ? n : 59 + extra) << 2);
        for (int b = 0; b < extra; b++)
        {
            output[op++] = (byte)(n >> (8 * b));
        }

        literal.CopyTo(output[op..]);
        op += literal.Length;
        return true;
    }

    private static bool TryWriteCopies(int offset, int length, Span<byte> output, ref int op)
    {
        while (length > 0)
        {
            // Keep every piece at least 4 bytes long, the shortest worth a 3-byte element.
            int piece = length > MaxCopy && length - MaxCopy < MinMatch ? length - MinMatch : Math.Min(length, MaxCopy);
            if (op + 3 > output.Length)
            {
                return false;
            }

            output[op++] = (byte)(((piece - 1) << 2) | 2);
            BinaryPrimitives.WriteUInt16LittleEndian(output[op..], (ushort)offset);
            op += 2;
            length -= piece;
        }

        return true;
    }
}
