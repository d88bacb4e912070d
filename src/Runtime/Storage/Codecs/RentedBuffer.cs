using Volara.Runtime.Memory;

namespace Volara.Runtime.Storage.Codecs;

/// <summary>
/// A byte buffer rented from <see cref="ByteArrayPool"/>, with the length actually used. Dispose returns it;
/// the owner must not use <see cref="Array"/> afterwards.
/// </summary>
public readonly struct RentedBuffer : IDisposable
{
    public RentedBuffer(byte[] array, int length)
    {
        Array = array;
        Length = length;
    }

    public byte[] Array { get; }

    public int Length { get; }

    public Span<byte> Span => Array.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    /// <summary>Rents a buffer of at least <paramref name="length"/> bytes and reports exactly that length.</summary>
    public static RentedBuffer Rent(int length) => new(ByteArrayPool.Rent(Math.Max(length, 1)), length);

    /// <summary>The same rented array with a shorter used length.</summary>
    public RentedBuffer WithLength(int length) => new(Array, length);

    public void Dispose()
    {
        if (Array is { Length: > 0 })
        {
            ByteArrayPool.Return(Array);
        }
    }
}
