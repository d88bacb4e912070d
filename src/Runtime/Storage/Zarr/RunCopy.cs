using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// Fills a box of a C-order region from chunks that lie side by side along its last axis, one whole row of the box
/// after another: each row takes its piece from every chunk in turn, so the region is written in order rather than in
/// short pieces scattered over it.
/// </summary>
internal static class RunCopy
{
    /// <param name="pieces">The chunks along the last axis, in order; those without a source are skipped.</param>
    /// <param name="cellShape">The shape of every chunk.</param>
    /// <param name="sourceStart">The box's corner inside each chunk, on all axes but the last.</param>
    /// <param name="targetStart">The box's corner inside the region, on all axes but the last.</param>
    /// <param name="box">The box's extent on all axes but the last.</param>
    public static void Copy(
        ReadOnlySpan<RunPiece> pieces, ReadOnlySpan<long> cellShape, ReadOnlySpan<long> sourceStart,
        Span<byte> target, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart, ReadOnlySpan<long> box, int elementSize)
    {
        int outer = box.Length;
        Span<long> sourceStrides = stackalloc long[outer + 1];
        Span<long> targetStrides = stackalloc long[outer + 1];
        BoxCopy.Strides(cellShape, sourceStrides);
        BoxCopy.Strides(targetShape, targetStrides);
        long rows = 1;
        long firstSource = 0, firstTarget = 0, lastSource = 0, lastTarget = 0;
        for (int d = 0; d < outer; d++)
        {
            rows *= box[d];
            firstSource += sourceStart[d] * sourceStrides[d];
            firstTarget += targetStart[d] * targetStrides[d];
            lastSource += (sourceStart[d] + box[d] - 1) * sourceStrides[d];
            lastTarget += (targetStart[d] + box[d] - 1) * targetStrides[d];
        }

        if (rows == 0)
        {
            return;
        }

        if (firstSource < 0 || firstTarget < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceStart), "the box starts before its chunk or the region");
        }

        // Every row lies between the first and the last: checking those two for each piece keeps the copy unchecked.
        long chunkBytes = sourceStrides[0] * cellShape[0] * elementSize;
        var copies = new Piece[pieces.Length];
        int count = 0;
        foreach (var piece in pieces)
        {
            if (piece.Source is not { } chunk)
            {
                continue;
            }

            if (piece.SourceX < 0 || piece.TargetX < 0 || piece.Length < 0 || piece.SourceOffset + chunkBytes > chunk.Length
                || (lastSource + piece.SourceX + piece.Length) * elementSize > chunkBytes
                || (lastTarget + piece.TargetX + piece.Length) * elementSize > target.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(pieces), "a piece of the run reaches beyond its chunk or the region");
            }

            copies[count++] = new Piece(chunk, piece.SourceOffset + (piece.SourceX * elementSize), piece.TargetX * elementSize, (int)(piece.Length * elementSize));
        }

        // Rows along the innermost of the other axes are a fixed stride apart: offsets are worked out again only when an
        // axis further out advances (for 64-byte rows that arithmetic cost as much as the copy).
        int inner = outer - 1;
        long innerCount = outer > 0 ? box[inner] : 1;
        nint sourceStep = outer > 0 ? (nint)(sourceStrides[inner] * elementSize) : 0;
        nint targetStep = outer > 0 ? (nint)(targetStrides[inner] * elementSize) : 0;
        Span<long> position = stackalloc long[outer];
        ref byte targetBase = ref MemoryMarshal.GetReference(target);
        for (long row = 0; row < rows; row += innerCount)
        {
            long source = 0, destination = 0;
            for (int d = 0; d < outer; d++)
            {
                source += (sourceStart[d] + position[d]) * sourceStrides[d];
                destination += (targetStart[d] + position[d]) * targetStrides[d];
            }

            if (count == 1)
            {
                // One chunk: the same order, and the box copy's loop over its rows ran faster (3.7 against 2.2 GB/s).
                ref readonly var only = ref copies[0];
                BoxCopy.CopyRows(
                    ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(only.Chunk), (nint)(only.Source + (source * elementSize))), sourceStep,
                    ref Unsafe.Add(ref targetBase, (nint)(only.Target + (destination * elementSize))), targetStep,
                    only.Bytes, innerCount);
            }
            else
            {
                ref byte targetRow = ref Unsafe.Add(ref targetBase, (nint)(destination * elementSize));
                for (long k = 0; k < innerCount; k++)
                {
                    foreach (ref readonly var piece in copies.AsSpan(0, count))
                    {
                        CopyPiece(
                            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(piece.Chunk), (nint)(piece.Source + (source * elementSize) + (k * sourceStep))),
                            ref Unsafe.Add(ref targetRow, (nint)piece.Target),
                            piece.Bytes);
                    }

                    targetRow = ref Unsafe.Add(ref targetRow, targetStep);
                }
            }

            for (int d = inner - 1; d >= 0; d--)
            {
                if (++position[d] < box[d])
                {
                    break;
                }

                position[d] = 0;
            }
        }
    }

    /// <summary>A piece of a row is usually a few whole vectors (64 bytes for uint8 chunks of 64³): those are copied inline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPiece(ref byte source, ref byte target, int bytes)
    {
        int size = Vector256<byte>.Count;
        if (!Vector256.IsHardwareAccelerated || bytes > 8 * size || bytes % size != 0)
        {
            Unsafe.CopyBlockUnaligned(ref target, ref source, (uint)bytes);
            return;
        }

        for (int offset = 0; offset < bytes; offset += size)
        {
            Vector256.LoadUnsafe(ref source, (nuint)offset).StoreUnsafe(ref target, (nuint)offset);
        }
    }

    /// <summary>A piece in bytes: where it starts in its chunk's array and in a row of the region, and how long it is.</summary>
    private readonly record struct Piece(byte[] Chunk, long Source, long Target, int Bytes);
}
