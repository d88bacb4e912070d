using System.Runtime.Intrinsics;

namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>
/// Decodes blosclz streams (a FastLZ level-1 dialect). A control byte below 32 starts a run of ctrl+1 literals;
/// otherwise its top 3 bits give the match length (7 = extended by following bytes until one is not 255), its
/// low 5 bits and the next byte the distance minus one; low bits 31 with next byte 255 announce a 16-bit
/// big-endian far distance beyond 8191. The first control byte's top 3 bits carry a level marker and are ignored.
/// </summary>
internal static class BloscLzDecoder
{
    private const int MaxNearDistance = 8191;

    /// <summary>Decodes into <paramref name="output"/>; returns the number of bytes produced, or -1 when the stream is corrupt.</summary>
    public static unsafe int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.IsEmpty)
        {
            return -1;
        }

        fixed (byte* inputStart = input)
        fixed (byte* outputStart = output)
        {
            byte* ip = inputStart;
            byte* inputEnd = inputStart + input.Length;
            byte* op = outputStart;
            byte* outputEnd = outputStart + output.Length;
            int ctrl = *ip++ & 31;
            while (true)
            {
                if (ctrl >= 32)
                {
                    int length = (ctrl >> 5) - 1;
                    int distance = (ctrl & 31) << 8;
                    if (length == 6)
                    {
                        byte extra;
                        do
                        {
                            if (ip >= inputEnd)
                            {
                                return -1;
                            }

                            extra = *ip++;
                            length += extra;
                        }
                        while (extra == 255);
                    }

                    if (ip >= inputEnd)
                    {
                        return -1;
                    }

                    byte low = *ip++;
                    length += 3;
                    if (low == 255 && distance == 31 << 8)
                    {
                        if (inputEnd - ip < 2)
                        {
                            return -1;
                        }

                        distance = ((ip[0] << 8) | ip[1]) + MaxNearDistance + 1;
                        ip += 2;
                    }
                    else
                    {
                        distance += low + 1;
                    }

                    if (distance > op - outputStart || length > outputEnd - op)
                    {
                        return -1;
                    }

                    op = CopyMatch(op, distance, length, outputEnd);
                }
                else
                {
                    int literals = ctrl + 1;
                    if (literals > outputEnd - op || literals > inputEnd - ip)
                    {
                        return -1;
                    }

                    if (outputEnd - op >= 32 && inputEnd - ip >= 32)
                    {
                        // A run is at most 32 bytes: copy a whole vector and let the next token overwrite the excess.
                        Vector256.Store(Vector256.Load(ip), op);
                    }
                    else
                    {
                        Buffer.MemoryCopy(ip, op, literals, literals);
                    }

                    ip += literals;
                    op += literals;
                }

                if (ip >= inputEnd)
                {
                    return (int)(op - outputStart);
                }

                ctrl = *ip++;
            }
        }
    }

    private static unsafe byte* CopyMatch(byte* op, int distance, int length, byte* outputEnd)
    {
        byte* from = op - distance;
        byte* end = op + length;
        if (distance >= 8 && outputEnd - op >= length + 8)
        {
            // Eight bytes at a time never read bytes not yet written when the source is 8 or more bytes back.
            do
            {
                *(ulong*)op = *(ulong*)from;
                op += 8;
                from += 8;
            }
            while (op < end);
        }
        else if (distance == 1)
        {
            new Span<byte>(op, length).Fill(op[-1]);
        }
        else
        {
            while (op < end)
            {
                *op++ = *from++;
            }
        }

        return end;
    }
}
