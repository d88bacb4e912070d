namespace Volara.Runtime.Storage.Codecs.Blosc;

/// <summary>c-blosc 1.x's choice of block size, so that our frames look like the ones numcodecs writes.</summary>
internal static class BloscBlockSize
{
    private const int L1 = 32 * 1024;

    public static int Compute(BloscCompressor compressor, int clevel, int typeSize, int nbytes, int forcedBlockSize)
    {
        if (nbytes < typeSize)
        {
            return 1;
        }

        int blockSize = nbytes;
        if (forcedBlockSize > 0)
        {
            blockSize = Math.Clamp(forcedBlockSize, BloscHeader.MinBufferSize, BloscHeader.MaxBlockSize);
        }
        else if (nbytes >= L1)
        {
            blockSize = L1;
            if (compressor.IsHighRatio())
            {
                blockSize *= 2;
            }

            blockSize = clevel switch
            {
                0 => blockSize / 4,
                1 => blockSize / 2,
                2 => blockSize,
                3 => blockSize * 2,
                4 or 5 => blockSize * 4,
                6 or 7 or 8 => blockSize * 8,
                _ => blockSize * (compressor.IsHighRatio() ? 16 : 8),
            };
        }

        if (clevel > 0 && SplitsBlocks(compressor, typeSize, blockSize))
        {
            // Split streams compress each byte plane separately, so blocks grow with the item size.
            blockSize = Math.Min(blockSize, 1 << 18) * typeSize;
            blockSize = Math.Clamp(blockSize, 1 << 16, 1 << 20);
        }

        blockSize = Math.Min(blockSize, nbytes);
        if (blockSize > typeSize)
        {
            blockSize = blockSize / typeSize * typeSize;
        }

        return blockSize;
    }

    /// <summary>c-blosc's default "forward compatible" split mode: split every codec but zstd when the split is worth it.</summary>
    public static bool SplitsBlocks(BloscCompressor compressor, int typeSize, int blockSize) =>
        compressor != BloscCompressor.Zstd
        && typeSize <= BloscHeader.MaxSplits
        && blockSize / typeSize >= BloscHeader.MinBufferSize;
}
