using System.Buffers.Binary;
using System.Numerics;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// A simple greedy blosclz compressor: 4-byte hash matches within the near window (8191 bytes), literal runs of
/// up to 32 bytes, and always a literal run at the end (newer blosclz decoders stop before a trailing match).
/// </summary>
internal static class BloscLzEncoder
{
    private const int HashBits = 13;
    private const int MaxDistance = 8191;
    private const int MaxLiteralRun = 32;
    private const int MinMatch = 4;

    /// <summary>Positions + 1 of the last occurrence of each hash; reused per thread to avoid an allocation per stream.</summary>
    [ThreadStatic]
    private static int[]? t_table;

    /// <summary>Compresses into <paramref name="output"/>; returns 0 when the result would not fit (store the input raw instead).</summary>
    public static int Encode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length < 16)
        {
            return 0;
        }

        var table = t_table ??= new int[1 << HashBits];
        Array.Clear(table);

        int op = 0;
        int literalStart = 0;
        int ip = 1;

        // Matches must end at least one byte before the end so the stream finishes with literals.
        int matchLimit = input.Length - MinMatch - 1;
        while (ip < matchLimit)
        {
            uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(input[ip..]);
            int hash = (int)((sequence * 2654435761U) >> (32 - HashBits));
            int candidate = table[hash] - 1;
            table[hash] = ip + 1;
            int distance = ip - candidate;
            if (candidate < 0 || distance > MaxDistance
                || BinaryPrimitives.ReadUInt32LittleEndian(input[candidate..]) != sequence)
            {
                ip++;
                continue;
            }

            int length = MatchLength(input, candidate, ip, input.Length - 1 - ip);

            if (!EmitLiterals(input[literalStart..ip], output, ref op) || !EmitMatch(distance, length, output, ref op))
            {
                return 0;
            }

            ip += length;
            literalStart = ip;
        }

        if (!EmitLiterals(input[literalStart..], output, ref op))
        {
            return 0;
        }

        return op;
    }

    /// <summary>How far the match at <paramref name="candidate"/> extends, compared eight bytes at a time.</summary>
    private static int MatchLength(ReadOnlySpan<byte> input, int candidate, int ip, int longest)
    {
        int length = MinMatch;
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

    private static bool EmitLiterals(ReadOnlySpan<byte> literals, Span<byte> output, ref int op)
    {
        while (!literals.IsEmpty)
        {
            int run = Math.Min(literals.Length, MaxLiteralRun);
            if (op + 1 + run > output.Length)
            {
                return false;
            }

            output[op++] = (byte)(run - 1);
            literals[..run].CopyTo(output[op..]);
            op += run;
            literals = literals[run..];
        }

        return true;
    }

    private static bool EmitMatch(int distance, int length, Span<byte> output, ref int op)
    {
        int biasedDistance = distance - 1;
        int code = length - 2;
        int needed = code < 7 ? 2 : 3 + (code - 7) / 255;
        if (op + needed > output.Length)
        {
            return false;
        }

        if (code < 7)
        {
            output[op++] = (byte)((code << 5) | (biasedDistance >> 8));
        }
        else
        {
            output[op++] = (byte)((7 << 5) | (biasedDistance >> 8));
            int rest = code - 7;
            for (; rest >= 255; rest -= 255)
            {
                output[op++] = 255;
            }

            output[op++] = (byte)rest;
        }

        output[op++] = (byte)(biasedDistance & 255);
        return true;
    }
}
