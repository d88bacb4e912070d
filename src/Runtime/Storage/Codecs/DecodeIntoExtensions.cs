namespace Volara.Runtime.Storage.Codecs;

/// <summary>The rented-buffer form of <see cref="IDecodeInto.DecodeInto"/>, for codecs whose decoded size is known up front.</summary>
internal static class DecodeIntoExtensions
{
    /// <summary>Decodes into a freshly rented buffer of <paramref name="size"/> bytes, returning it to the pool if decoding fails.</summary>
    public static RentedBuffer DecodeRented(this IDecodeInto codec, ReadOnlySpan<byte> source, int size)
    {
        var result = RentedBuffer.Rent(size);
        try
        {
            codec.DecodeInto(source, result.Span);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}
