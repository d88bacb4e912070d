namespace Volara.Runtime.Storage.Zarr;

/// <summary>Checks <see cref="ZarrArrayOptions"/> before anything is written.</summary>
internal static class ArrayOptionsValidator
{
    public static void Validate(ZarrArrayOptions options, string path)
    {
        void Fail(string problem) => throw new ArgumentException($"zarr '{path}': {problem}", nameof(options));

        if (options.ZarrFormat is not (2 or 3))
        {
            Fail($"ZarrFormat {options.ZarrFormat} is not 2 or 3");
        }

        int n = options.Shape.Length;
        if (options.ChunkShape.Length != n)
        {
            Fail($"ChunkShape has {options.ChunkShape.Length} entries but Shape has {n}");
        }

        for (int d = 0; d < n; d++)
        {
            if (options.Shape[d] < 0)
            {
                Fail($"Shape[{d}] is negative ({options.Shape[d]})");
            }

            if (options.ChunkShape[d] <= 0)
            {
                Fail($"ChunkShape[{d}] must be positive ({options.ChunkShape[d]})");
            }
        }

        if (options.Order is not ('C' or 'F'))
        {
            Fail($"Order '{options.Order}' is not 'C' or 'F'");
        }

        if (options.DimensionSeparator is not (null or "." or "/"))
        {
            Fail($"DimensionSeparator '{options.DimensionSeparator}' is not '.' or '/'");
        }

        if (options.DimensionNames is { } names && names.Count != n)
        {
            Fail($"DimensionNames has {names.Count} entries but Shape has {n}");
        }

        if (options.ShardShape is { } shard)
        {
            if (options.ZarrFormat != 3)
            {
                Fail("ShardShape requires ZarrFormat 3");
            }

            if (shard.Length != n)
            {
                Fail($"ShardShape has {shard.Length} entries but Shape has {n}");
            }

            for (int d = 0; d < n; d++)
            {
                if (shard[d] <= 0 || shard[d] % options.ChunkShape[d] != 0)
                {
                    Fail($"ShardShape[{d}] = {shard[d]} is not a positive multiple of ChunkShape[{d}] = {options.ChunkShape[d]}");
                }
            }
        }

        if (options.ZarrFormat == 3 && options.ChunkKeyEncoding is not ("default" or "v2"))
        {
            Fail($"ChunkKeyEncoding '{options.ChunkKeyEncoding}' is not 'default' or 'v2'");
        }
    }
}
