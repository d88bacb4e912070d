using System.Buffers.Binary;
using Volara.Runtime.Storage.Codecs;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// The <c>sharding_indexed</c> binary layout: inner chunks stored back to back plus an index of
/// (offset, nbytes) uint64 pairs in C order over the inner-chunk grid, at the start or end of the shard,
/// optionally followed by a CRC-32C of the index. An empty inner chunk has offset = nbytes = 2^64-1.
/// </summary>
internal sealed class ShardLayout
{
    public const ulong Empty = ulong.MaxValue;

    public ShardLayout(int[] shardShape, int[] innerShape, bool indexAtStart, bool indexBigEndian, bool indexChecksum)
    {
        ShardShape = shardShape;
        InnerShape = innerShape;
        IndexAtStart = indexAtStart;
        IndexBigEndian = indexBigEndian;
        IndexChecksum = indexChecksum;
        InnerCounts = new long[shardShape.Length];
        long count = 1;
        for (int d = 0; d < shardShape.Length; d++)
        {
            InnerCounts[d] = shardShape[d] / innerShape[d];
            count *= InnerCounts[d];
        }

        InnerCount = checked((int)count);
        IndexBytes = (16 * InnerCount) + (indexChecksum ? 4 : 0);
    }

    public int[] ShardShape { get; }

    public int[] InnerShape { get; }

    /// <summary>Inner chunks per shard along each axis.</summary>
    public long[] InnerCounts { get; }

    public int InnerCount { get; }

    public bool IndexAtStart { get; }

    public bool IndexBigEndian { get; }

    public bool IndexChecksum { get; }

    public int IndexBytes { get; }

    /// <summary>Parses and checks the index bytes into (offset, length) pairs. Throws <see cref="CodecException"/>.</summary>
    public (ulong Offset, ulong Length)[] ParseIndex(ReadOnlySpan<byte> index, long shardLength)
    {
        if (index.Length != IndexBytes)
        {
            throw new CodecException($"shard index has {index.Length} bytes, expected {IndexBytes}");
        }

        if (IndexChecksum)
        {
            uint stored = BinaryPrimitives.ReadUInt32LittleEndian(index[^4..]);
            uint actual = Crc32c.Compute(index[..^4]);
            if (stored != actual)
            {
                throw new CodecException($"shard index checksum mismatch (stored 0x{stored:x8}, computed 0x{actual:x8})");
            }
        }

        var entries = new (ulong, ulong)[InnerCount];
        for (int i = 0; i < InnerCount; i++)
        {
            ulong offset = ReadUInt64(index.Slice(16 * i, 8));
            ulong length = ReadUInt64(index.Slice((16 * i) + 8, 8));
            bool empty = offset == Empty && length == Empty;
            if (!empty && (offset > (ulong)shardLength || length > (ulong)shardLength - offset))
            {
                throw new CodecException($"shard index entry {i} (offset {offset}, nbytes {length}) lies outside the {shardLength}-byte shard");
            }

            entries[i] = (offset, length);
        }

        return entries;
    }

    /// <summary>Writes the index for <paramref name="entries"/> (offsets absolute in the shard) into <paramref name="target"/>.</summary>
    public void WriteIndex(ReadOnlySpan<(ulong Offset, ulong Length)> entries, Span<byte> target)
    {
        for (int i = 0; i < InnerCount; i++)
        {
            WriteUInt64(target.Slice(16 * i, 8), entries[i].Offset);
            WriteUInt64(target.Slice((16 * i) + 8, 8), entries[i].Length);
        }

        if (IndexChecksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(16 * InnerCount, 4), Crc32c.Compute(target[..(16 * InnerCount)]));
        }
    }

    private ulong ReadUInt64(ReadOnlySpan<byte> bytes) =>
        IndexBigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);

    private void WriteUInt64(Span<byte> bytes, ulong value)
    {
        if (IndexBigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        }
    }
}
