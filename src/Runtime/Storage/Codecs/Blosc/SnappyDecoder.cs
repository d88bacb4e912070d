using System.Buffers.Binary;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// Decodes raw snappy blocks (no framing), as c-blosc's snappy streams hold them: a varint of the decoded length,
/// then elements whose tag's low 2 bits select a literal run (0) or a back-reference with a 1-, 2- or 4-byte offset.
/// </summary>
internal static class SnappyDecoder
{
    /// <summary>Decodes into <paramref name="output"/>; returns the decoded length, or -1 when the block is corrupt or of another size.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int ip = 0;
        if (!TryReadLength(input, ref ip, out uint declared) || declared != (uint)output.Length)
        {
            return -1;
        }

        int op = 0;
        while (ip < input.Length)
        {
            byte tag = input[ip++];
            int kind = tag & 3;
            if (kind == 0)
            {
                int length = tag >> 2;
                if (length >= 60)
                {
                    int bytes = length - 59;
                    if (ip + bytes > input.Length)
                    {
                        return -1;
                    }

                    length = 0;
                    for (int b = 0; b < bytes; b++)
                    {
                        length |= input[ip + b] << (8 * b);
                    }

                    ip += bytes;
                }

                length++;
                if (length <= 0 || length > input.Length - ip || length > output.Length - op)
                {
                    return -1;
                }

                input.Slice(ip, length).CopyTo(output[op..]);
                ip += length;
                op += length;
                continue;
            }

            int copyLength;
            int offset;
            if (kind == 1)
            {
                if (ip >= input.Length)
                {
                    return -1;
                }

                copyLength = 4 + ((tag >> 2) & 7);
                offset = ((tag >> 5) << 8) | input[ip++];
            }
            else
            {
                int offsetBytes = kind == 2 ? 2 : 4;
                if (ip + offsetBytes > input.Length)
                {
                    return -1;
                }

                copyLength = 1 + (tag >> 2);
                long wide = kind == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(input[ip..]) : BinaryPrimitives.ReadUInt32LittleEndian(input[ip..]);
                offset = wide > int.MaxValue ? 0 : (int)wide;
                ip += offsetBytes;
            }

            if (offset <= 0 || offset > op || copyLength > output.Length - op)
            {
                return -1;
            }

            for (int i = 0; i < copyLength; i++)
            {
                output[op + i] = output[op - offset + i];
            }

            op += copyLength;
        }

        return op;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> input, ref int ip, out uint value)
    {
        value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (ip >= input.Length)
            {
                return false;
            }

            byte b = input[ip++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
