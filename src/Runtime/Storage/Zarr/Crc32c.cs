namespace Volara.Runtime.Storage.Zarr;

/// <summary>CRC-32C (Castagnoli, RFC 3720) as used by the Zarr v3 <c>crc32c</c> codec and shard indexes.</summary>
internal static class Crc32c
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        int i = 0;
        // The hardware instruction handles 8 bytes per step where available.
        if (System.Runtime.Intrinsics.X86.Sse42.X64.IsSupported)
        {
            ulong c = crc;
            for (; i + 8 <= data.Length; i += 8)
            {
                c = System.Runtime.Intrinsics.X86.Sse42.X64.Crc32(c, BitConverter.ToUInt64(data.Slice(i, 8)));
            }

            crc = (uint)c;
        }
        else if (System.Runtime.Intrinsics.Arm.Crc32.Arm64.IsSupported)
        {
            for (; i + 8 <= data.Length; i += 8)
            {
                crc = System.Runtime.Intrinsics.Arm.Crc32.Arm64.ComputeCrc32C(crc, BitConverter.ToUInt64(data.Slice(i, 8)));
            }
        }

        for (; i < data.Length; i++)
        {
            crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
