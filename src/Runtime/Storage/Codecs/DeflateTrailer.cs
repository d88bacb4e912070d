using System.Buffers.Binary;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// .NET's inflater stops quietly when a gzip or zlib stream is cut short, so the trailers are checked here:
/// a zlib stream ends with the big-endian Adler-32 of the data, a gzip member with the data size modulo 2^32.
/// </summary>
internal static class DeflateTrailer
{
    public static void CheckZlib(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> decoded)
    {
        if (encoded.Length < 6 || BinaryPrimitives.ReadUInt32BigEndian(encoded[^4..]) != Adler32(decoded))
        {
            throw new CodecException("zlib: stream is truncated or corrupt (Adler-32 trailer does not match the data)");
        }
    }

    /// <summary>Checks the last member's size field; numcodecs writes one member per chunk.</summary>
    public static void CheckGzip(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> decoded)
    {
        if (encoded.Length < 18 || BinaryPrimitives.ReadUInt32LittleEndian(encoded[^4..]) != (uint)decoded.Length)
        {
            throw new CodecException("gzip: stream is truncated or corrupt (size trailer does not match the data)");
        }
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        // 5552 is the longest run whose sums cannot overflow 32 bits before the modulo.
        const uint Modulus = 65521;
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            int run = Math.Min(data.Length, 5552);
            foreach (byte value in data[..run])
            {
                a += value;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[run..];
        }

        return (b << 16) | a;
    }
}
