using System.Buffers;
using System.Numerics;

namespace Volara.Runtime.Memory;

/// <summary>
/// The byte arrays of chunk encoding and decoding: compressed and decoded chunks, codec scratch. Large arrays are
/// kept for reuse across blocks and dropped once a whole block went by without them; small ones come from
/// <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
/// <remarks>
/// <see cref="ArrayPool{T}.Shared"/> churns with megabyte-sized chunk buffers in a worker: it keeps a copy per size
/// per thread, chunks are decoded on thread-pool threads that come and go, and each retired thread leaves its arrays
/// behind — every block allocated new 4–8 MiB arrays on the large-object heap, which only a full collection reclaims,
/// and a worker's heap grew by hundreds of megabytes between collections. Here an array is only dropped when no
/// block asked for one of its size since the previous block boundary, so what is kept is what the chunks in flight
/// at once have needed.
/// </remarks>
public static class ByteArrayPool
{
    /// <summary>Requests below this size go to the shared pool: small arrays neither churn nor weigh.</summary>
    public const int LargeThreshold = 1 << 16;

    private const int MaxBucket = 30;

    private static readonly Lock Gate = new();
    private static readonly List<IdleArray>[] Idle = CreateBuckets();
    private static long _epoch;

    /// <summary>An array of at least <paramref name="minimumLength"/> bytes (a power of two when large); contents undefined.</summary>
    public static byte[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        if (minimumLength < LargeThreshold)
        {
            return ArrayPool<byte>.Shared.Rent(minimumLength);
        }

        int bucket = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)minimumLength));
        if (bucket > MaxBucket)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumLength), $"{minimumLength} bytes is more than one buffer can hold");
        }

        lock (Gate)
        {
            var idle = Idle[bucket];
            if (idle.Count > 0)
            {
                var array = idle[^1].Array;
                idle.RemoveAt(idle.Count - 1);
                return array;
            }
        }

        return GC.AllocateUninitializedArray<byte>(1 << bucket);
    }

    /// <summary>Gives back an array from <see cref="Rent"/>; the caller must not touch it afterwards.</summary>
    public static void Return(byte[] array)
    {
        if (array.Length < LargeThreshold)
        {
            ArrayPool<byte>.Shared.Return(array);
            return;
        }

        if (!BitOperations.IsPow2(array.Length))
        {
            throw new ArgumentException("the array was not rented from this pool", nameof(array));
        }

        lock (Gate)
        {
            Idle[BitOperations.Log2((uint)array.Length)].Add(new IdleArray(array, _epoch));
        }
    }

    /// <summary>
    /// Drops the arrays nobody rented since the previous call. The engine calls this after every block (through
    /// <see cref="BlockBoundary"/>), so what stays is what the blocks in flight use.
    /// </summary>
    public static void ReleaseIdle()
    {
        lock (Gate)
        {
            foreach (var idle in Idle)
            {
                idle.RemoveAll(entry => entry.Epoch < _epoch);
            }

            _epoch++;
        }
    }

    /// <summary>Bytes held for reuse.</summary>
    public static long IdleBytes
    {
        get
        {
            long bytes = 0;
            lock (Gate)
            {
                for (int bucket = 0; bucket < Idle.Length; bucket++)
                {
                    bytes += (long)Idle[bucket].Count << bucket;
                }
            }

            return bytes;
        }
    }

    private static List<IdleArray>[] CreateBuckets()
    {
        var buckets = new List<IdleArray>[MaxBucket + 1];
        for (int i = 0; i < buckets.Length; i++)
        {
            buckets[i] = [];
        }

        return buckets;
    }

    private readonly record struct IdleArray(byte[] Array, long Epoch);
}
