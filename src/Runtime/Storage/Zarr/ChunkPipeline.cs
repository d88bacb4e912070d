using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Codecs.Blosc;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// Turns one chunk (C order, machine endian, full chunk shape) into stored bytes and back: an optional
/// axis permutation (v2 'F' order, v3 <c>transpose</c>), the stored byte order, then bytes-to-bytes codecs.
/// </summary>
internal sealed class ChunkPipeline
{
    private readonly long[] _shape;
    private readonly long[] _storedShape;
    private readonly int[]? _storedOrder;
    private readonly int[]? _inverseOrder;

    // Rows can be decoded straight into a region when the chunk is one blosc frame of byte-shuffled elements, with no
    // permutation or byte swap after it.
    private readonly bool _decodesRows;

    /// <param name="storedOrder">Axis permutation applied before storing (null = none).</param>
    public ChunkPipeline(int[] chunkShape, DataType dataType, int[]? storedOrder, IReadOnlyList<IBytesCodec> codecs)
    {
        _shape = Array.ConvertAll(chunkShape, s => (long)s);
        DataType = dataType;
        Codecs = codecs;
        long elements = 1;
        foreach (var s in chunkShape)
        {
            elements *= s;
        }

        long bytes = elements * dataType.Size;
        ChunkBytes = bytes <= Array.MaxLength
            ? (int)bytes
            : throw new ArgumentOutOfRangeException(nameof(chunkShape), $"a chunk of {bytes} bytes exceeds the 2 GiB limit of one chunk buffer");
        if (storedOrder is not null && !Transposer.IsIdentity(storedOrder))
        {
            _storedOrder = storedOrder;
            _inverseOrder = Transposer.Inverse(storedOrder);
            _storedShape = new long[_shape.Length];
            for (int k = 0; k < _shape.Length; k++)
            {
                _storedShape[k] = _shape[storedOrder[k]];
            }
        }
        else
        {
            _storedShape = _shape;
        }

        _decodesRows = codecs is [BloscCodec { Shuffle: BloscShuffle.Shuffle } blosc] && blosc.TypeSize == dataType.Size && dataType.Size > 1
            && _inverseOrder is null && !dataType.NeedsByteSwap;
    }

    public DataType DataType { get; }

    /// <summary>Builds a pipeline for parsed metadata, reporting an oversized chunk against the metadata field.</summary>
    public static ChunkPipeline ForMetadata(int[] chunkShape, DataType dataType, int[]? storedOrder, IReadOnlyList<IBytesCodec> codecs, MetadataReader reader, string field)
    {
        try
        {
            return new ChunkPipeline(chunkShape, dataType, storedOrder, codecs);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw reader.Error(field, e.Message, e);
        }
    }

    public IReadOnlyList<IBytesCodec> Codecs { get; }

    /// <summary>Bytes of one decoded chunk.</summary>
    public int ChunkBytes { get; }

    public RentedBuffer Encode(ReadOnlySpan<byte> chunk)
    {
        RentedBuffer current = default;
        bool owned = false;
        if (_storedOrder is not null || DataType.NeedsByteSwap)
        {
            current = RentedBuffer.Rent(ChunkBytes);
            owned = true;
            if (_storedOrder is not null)
            {
                Transposer.Permute(chunk, _shape, _storedOrder, current.Span, DataType.Size);
            }
            else
            {
                chunk.CopyTo(current.Span);
            }

            if (DataType.NeedsByteSwap)
            {
                DataType.SwapBytes(current.Span);
            }
        }

        ReadOnlySpan<byte> input = owned ? current.Span : chunk;
        foreach (var codec in Codecs)
        {
            var next = codec.Encode(input);
            if (owned)
            {
                current.Dispose();
            }

            current = next;
            owned = true;
            input = current.Span;
        }

        if (!owned)
        {
            current = RentedBuffer.Rent(chunk.Length);
            chunk.CopyTo(current.Span);
        }

        return current;
    }

    /// <summary>
    /// Decodes stored bytes straight into the rows of a box of the chunk in a region (<see cref="BloscDecoder.TryDecodeRows"/>);
    /// false, having written nothing, when the codecs or the frame do not allow it. Throws <see cref="CodecException"/> on bad data.
    /// </summary>
    public bool TryDecodeRows(
        ReadOnlySpan<byte> stored, ReadOnlySpan<long> boxStart, ReadOnlySpan<long> box,
        ReadOnlySpan<long> regionShape, ReadOnlySpan<long> regionStart, Span<byte> destination) =>
        _decodesRows && BloscDecoder.TryDecodeRows(stored, new ChunkRows(_shape, boxStart, box, regionShape, regionStart, DataType.Size), destination);

    /// <summary>Decodes stored bytes into <paramref name="chunk"/> (<see cref="ChunkBytes"/> long). Throws <see cref="CodecException"/> on bad data.</summary>
    public void Decode(ReadOnlySpan<byte> stored, Span<byte> chunk)
    {
        RentedBuffer current = default;
        bool owned = false;
        ReadOnlySpan<byte> input = stored;
        try
        {
            for (int i = Codecs.Count - 1; i >= 0; i--)
            {
                // The last step of the common layout (no permutation) can write straight into the
                // caller's chunk, saving one copy of every decoded chunk.
                if (i == 0 && _inverseOrder is null && Codecs[0] is IDecodeInto direct)
                {
                    direct.DecodeInto(input, chunk);
                    if (DataType.NeedsByteSwap)
                    {
                        DataType.SwapBytes(chunk);
                    }

                    return;
                }

                var next = Codecs[i].Decode(input, i == 0 ? ChunkBytes : -1);
                if (owned)
                {
                    current.Dispose();
                }

                current = next;
                owned = true;
                input = current.Span;
            }

            if (input.Length != ChunkBytes)
            {
                throw new CodecException($"decoded chunk has {input.Length} bytes, expected {ChunkBytes}");
            }

            if (_inverseOrder is null)
            {
                input.CopyTo(chunk);
                if (DataType.NeedsByteSwap)
                {
                    DataType.SwapBytes(chunk);
                }

                return;
            }

            if (DataType.NeedsByteSwap)
            {
                if (!owned)
                {
                    current = RentedBuffer.Rent(ChunkBytes);
                    owned = true;
                    input.CopyTo(current.Span);
                }

                DataType.SwapBytes(current.Span);
                input = current.Span;
            }

            Transposer.Permute(input, _storedShape, _inverseOrder, chunk, DataType.Size);
        }
        finally
        {
            if (owned)
            {
                current.Dispose();
            }
        }
    }
}
