using Volara.Runtime.Memory;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>Runs a decompressing stream over a span, into a buffer of known or growing size.</summary>
internal static class StreamDecoding
{
    public static unsafe RentedBuffer Decode(
        string codecId, ReadOnlySpan<byte> source, int decodedLength, Func<Stream, Stream> openDecoder)
    {
        if (source.IsEmpty)
        {
            throw new CodecException($"{codecId}: encoded chunk is empty");
        }

        fixed (byte* pointer = source)
        {
            using var input = new UnmanagedMemoryStream(pointer, source.Length);
            try
            {
                using var decoder = openDecoder(input);
                return decodedLength >= 0
                    ? ReadExactly(codecId, decoder, decodedLength)
                    : ReadToEnd(decoder, Math.Max(source.Length * 4, 4096));
            }
            catch (Exception error) when (error is not (CodecException or OutOfMemoryException))
            {
                throw new CodecException($"{codecId}: corrupt or truncated data ({error.Message})", error);
            }
        }
    }

    private static RentedBuffer ReadExactly(string codecId, Stream decoder, int decodedLength)
    {
        var result = RentedBuffer.Rent(decodedLength);
        try
        {
            int filled = 0;
            while (filled < decodedLength)
            {
                int read = decoder.Read(result.Array, filled, decodedLength - filled);
                if (read == 0)
                {
                    throw new CodecException($"{codecId}: decoded {filled} bytes but the chunk needs {decodedLength}");
                }

                filled += read;
            }

            Span<byte> probe = stackalloc byte[1];
            if (decoder.Read(probe) != 0)
            {
                throw new CodecException($"{codecId}: data decodes to more than the {decodedLength} bytes the chunk needs");
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static RentedBuffer ReadToEnd(Stream decoder, int initialCapacity)
    {
        var buffer = ByteArrayPool.Rent(initialCapacity);
        int filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ByteArrayPool.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ByteArrayPool.Return(buffer);
                    buffer = larger;
                }

                int read = decoder.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    return new RentedBuffer(buffer, filled);
                }

                filled += read;
            }
        }
        catch
        {
            ByteArrayPool.Return(buffer);
            throw;
        }
    }
}
