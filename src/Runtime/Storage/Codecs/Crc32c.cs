using System.Buffers.Binary;
using System.Numerics;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>CRC-32C (Castagnoli, RFC 3720); BitOperations uses the SSE4.2/ARM CRC instructions where present.</summary>
public static class Crc32c
{
    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(0xFFFFFFFFu, data);

    /// <summary>Continues a running (not yet inverted) CRC over more data.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        }

        for (; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }

        return crc;
    }
}
