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
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.IsEmpty)
        {
            return -1;
        }

        int ip = 0;
        int op = 0;
        int ctrl = input[ip++] & 31;
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
                        if (ip >= input.Length)
                        {
                            return -1;
                        }

                        extra = input[ip++];
                        length += extra;
                    }
                    while (extra == 255);
                }

                if (ip >= input.Length)
                {
                    return -1;
                }

                byte low = input[ip++];
                length += 3;
                if (low == 255 && distance == 31 << 8)
                {
                    if (ip + 2 > input.Length)
                    {
                        return -1;
                    }

                    distance = ((input[ip] << 8) | input[ip + 1]) + MaxNearDistance + 1;
                    ip += 2;
                }
                else
                {
                    distance += low + 1;
                }

                if (distance > op || length > output.Length - op)
                {
                    return -1;
                }

                CopyMatch(output, op, distance, length);
                op += length;
            }
            else
            {
                int literals = ctrl + 1;
                if (literals > output.Length - op || literals > input.Length - ip)
                {
                    return -1;
                }

                input.Slice(ip, literals).CopyTo(output[op..]);
                ip += literals;
                op += literals;
            }

            if (ip >= input.Length)
            {
                return op;
            }

            ctrl = input[ip++];
        }
    }

    private static void CopyMatch(Span<byte> output, int op, int distance, int length)
    {
        if (distance >= length)
        {
            output.Slice(op - distance, length).CopyTo(output.Slice(op, length));
        }
        else if (distance == 1)
        {
            output.Slice(op, length).Fill(output[op - 1]);
        }
        else
        {
            // Overlapping copy repeats the last `distance` bytes; copying in distance-sized pieces keeps it exact.
            int from = op - distance;
            int end = op + length;
            while (op < end)
            {
                int piece = Math.Min(op - from, end - op);
                output.Slice(from, piece).CopyTo(output.Slice(op, piece));
                op += piece;
            }
        }
    }
}
