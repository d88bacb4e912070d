using System.Text.Json.Nodes;
using Volara.Cli.Parsing;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Copy;

/// <summary>Works out the destination array's options: the request's choices, the source's for the rest.</summary>
public static class DestinationPlanner
{
    public static ZarrArrayOptions Plan(ZarrArray source, CopyRequest request)
    {
        int format = request.ZarrFormat ?? source.ZarrFormat;
        int[] chunks = request.Chunks ?? [.. source.ChunkShape];
        RequireRank(chunks, source, "--chunks");
        int[]? shards = Shards(source, request, format, chunks);

        return new ZarrArrayOptions
        {
            Shape = [.. source.Shape],
            ChunkShape = chunks,
            ShardShape = shards,
            DataType = source.DataType,
            ZarrFormat = format,
            Codecs = request.Codec is { } codec ? CodecChoice.Build(codec, format, source.DataType) : SourceCodecs.Of(source),
            FillValue = source.FillValueJson?.DeepClone(),
            Order = source.Order,
            BigEndian = source.DataType.BigEndian,
            DimensionNames = format == 3 ? source.DimensionNames : null,
            Attributes = (JsonObject)source.Attributes.DeepClone(),
        };
    }

    private static int[]? Shards(ZarrArray source, CopyRequest request, int format, int[] chunks)
    {
        if (request.Shards is { } requested)
        {
            if (format != 3)
            {
                throw new UsageException($"--shards needs Zarr format 3 (the destination would be format {format}; add --format 3)");
            }

            RequireRank(requested, source, "--shards");
            if (!Divides(chunks, requested))
            {
                throw new UsageException($"--shards {ShapeText.Format(requested)} must be a multiple of the chunk shape {ShapeText.Format(chunks)}");
            }

            return requested;
        }

        if (format != 3 || source.ShardShape is null)
        {
            return null;
        }

        int[] inherited = [.. source.ShardShape];
        return Divides(chunks, inherited)
            ? inherited
            : throw new UsageException(
                $"--chunks {ShapeText.Format(chunks)} does not divide the source's shard shape {ShapeText.Format(inherited)}; pass --shards too");
    }

    private static void RequireRank(int[] shape, ZarrArray source, string option)
    {
        if (shape.Length != source.Shape.Count)
        {
            throw new UsageException(
                $"{option} {ShapeText.Format(shape)} has {shape.Length} dimensions but '{source.Path}' has {source.Shape.Count} (shape {ShapeText.Format(source.Shape)})");
        }
    }

    private static bool Divides(int[] chunks, int[] shards)
    {
        for (int i = 0; i < chunks.Length; i++)
        {
            if (shards[i] % chunks[i] != 0)
            {
                return false;
            }
        }

        return true;
    }
}
