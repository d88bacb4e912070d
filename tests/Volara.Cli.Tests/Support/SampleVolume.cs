using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Tests.Support;

/// <summary>A small random uint8 volume (8×32×32 voxels of 4×2×2 nm, chunks 4×16×16) and pipeline files over it.</summary>
public static class SampleVolume
{
    public static readonly long[] Shape = [8, 32, 32];

    public static byte[] WriteRaw(string path, int seed = 7)
    {
        var data = new byte[Shape[0] * Shape[1] * Shape[2]];
        new Random(seed).NextBytes(data);
        var array = ZarrArray.Create(path, new ZarrArrayOptions
        {
            Shape = Shape,
            ChunkShape = [4, 16, 16],
            DataType = DataType.UInt8,
            Attributes = new JsonObject { ["voxel_size"] = new JsonArray(4, 2, 2), ["offset"] = new JsonArray(0, 0, 0) },
        });
        array.Write<byte>([0, 0, 0], Shape, data);
        return data;
    }

    /// <summary>
    /// A YAML pipeline of two thresholds, <c>a</c>: raw &gt; 100 → mask, then <c>b</c>: mask &gt; 0 → mask2, logging
    /// below <c>logs</c>; relative stores, so the tests run volara in <paramref name="directory"/>.
    /// </summary>
    public static string TwoThresholdsYaml(string directory)
    {
        WriteRaw(Path.Combine(directory, "data.zarr", "raw"));
        string file = Path.Combine(directory, "pipeline.yaml");
        File.WriteAllText(file, """
            log_dir: logs
            execution: {num_workers: 2}
            datasets:
              raw: {dataset_type: raw, store: data.zarr/raw}
            tasks:
              a:
                task_type: threshold
                in_data: $raw
                mask: {dataset_type: labels, store: data.zarr/mask}
                threshold: 100
                block_size: [4, 16, 16]
              b:
                task_type: threshold
                in_data: {dataset_type: raw, store: data.zarr/mask}
                mask: {dataset_type: labels, store: data.zarr/mask2}
                threshold: 0
                block_size: [4, 16, 16]
            pipeline: a + b

            """);
        return file;
    }
}
