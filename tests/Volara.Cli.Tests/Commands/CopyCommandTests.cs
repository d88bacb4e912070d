using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Tests.Commands;

public sealed class CopyCommandTests
{
    private const string Attributes = """{"voxel_size": [8, 4, 4], "offset": [16, 0, 4], "axis_names": ["z", "y", "x"], "units": ["nm", "nm", "nm"], "note": "kept"}""";

    [Fact]
    public void V2ToShardedV3AndBackIsBitExactAndKeepsAttributes()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.zarr"), sharded = temp.Combine("sharded.zarr"), back = temp.Combine("back.zarr");
        PythonArrays.Create(source, "19,33,40", "8,16,16", "uint16", "numcodecs.Blosc(cname='lz4', clevel=5, shuffle=1)", Attributes);

        var toV3 = VolaraProcess.Run("copy", source, sharded, "--format", "3", "--chunks", "4,8,8", "--shards", "8,16,16", "--codec", "zstd");
        var toV2 = VolaraProcess.Run("copy", sharded, back, "--format", "2", "--chunks", "10,10,10", "--codec", "blosc-lz4");

        Assert.True(toV3.ExitCode == 0, toV3.Stderr);
        Assert.True(toV2.ExitCode == 0, toV2.Stderr);
        var v3 = ZarrArray.Open(sharded);
        Assert.Equal(3, v3.ZarrFormat);
        Assert.Equal([4, 8, 8], v3.ChunkShape);
        Assert.Equal([8, 16, 16], v3.ShardShape);
        Assert.Equal("kept", v3.Attributes["note"]!.GetValue<string>());
        var comparison = JsonNode.Parse(PythonArrays.Compare(source, back))!;
        Assert.True(comparison["data"]!.GetValue<bool>(), "data differs after v2 → v3 (sharded) → v2");
        Assert.True(comparison["attrs"]!.GetValue<bool>(), "attributes differ after the round trip");
        Assert.Equal("[10,10,10]", comparison["chunks"]!.ToJsonString());
        Assert.Equal("lz4", comparison["compressor"]!["cname"]!.GetValue<string>());
    }

    [Fact]
    public void CodecChangeKeepsDataAndChunking()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("gzip.zarr"), copy = temp.Combine("zstd.zarr");
        PythonArrays.Create(source, "30,31", "16,8", "float32", "numcodecs.GZip(level=5)", Attributes);

        var result = VolaraProcess.Run("copy", source, copy, "--codec", "blosc-zstd");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var comparison = JsonNode.Parse(PythonArrays.Compare(source, copy))!;
        Assert.True(comparison["data"]!.GetValue<bool>());
        Assert.True(comparison["attrs"]!.GetValue<bool>());
        Assert.Equal("[16,8]", comparison["chunks"]!.ToJsonString());
        Assert.Equal("blosc", comparison["compressor"]!["id"]!.GetValue<string>());
        Assert.Equal("zstd", comparison["compressor"]!["cname"]!.GetValue<string>());
    }

    [Fact]
    public void RechunkingWithRaggedEdgesAndNoCompressionIsBitExact()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.zarr"), copy = temp.Combine("rechunked.zarr");
        PythonArrays.Create(source, "23,17,9", "5,5,5", "int64", "numcodecs.Zstd(level=1)");

        var result = VolaraProcess.Run("copy", source, copy, "--chunks", "7,4,9", "--codec", "none");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var comparison = JsonNode.Parse(PythonArrays.Compare(source, copy))!;
        Assert.True(comparison["data"]!.GetValue<bool>());
        Assert.Equal("[7,4,9]", comparison["chunks"]!.ToJsonString());
        Assert.Null(comparison["compressor"]);
    }

    [Fact]
    public void FortranOrderSourceCopiesToV3AndBackBitExact()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("fortran.zarr"), v3 = temp.Combine("v3.zarr"), back = temp.Combine("back.zarr");
        ReferencePython.Run(
            """
            import sys, numpy as np, zarr
            data = (np.arange(11 * 12 * 13, dtype=np.int32) * 31 - 500).reshape(11, 12, 13)
            z = zarr.open(sys.argv[1], mode="w", shape=data.shape, chunks=(4, 5, 6), dtype=">i4", order="F")
            z[:] = data
            """,
            source);

        var toV3 = VolaraProcess.Run("copy", source, v3, "--format", "3", "--codec", "gzip");
        var toV2 = VolaraProcess.Run("copy", v3, back, "--format", "2", "--chunks", "6,6,6");

        Assert.True(toV3.ExitCode == 0, toV3.Stderr);
        Assert.True(toV2.ExitCode == 0, toV2.Stderr);
        Assert.True(JsonNode.Parse(PythonArrays.Compare(source, back))!["data"]!.GetValue<bool>(), "F-order big-endian data changed in the round trip");
    }

    [Fact]
    public void DefaultsCopyFormatChunksAndCodecAndReportProgressAndSummary()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.zarr"), copy = temp.Combine("copy.zarr");
        PythonArrays.Create(source, "20,20", "10,10", "uint8", "numcodecs.Blosc(cname='zstd', clevel=3, shuffle=1)");

        var result = VolaraProcess.Run("copy", source, copy);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var comparison = JsonNode.Parse(PythonArrays.Compare(source, copy))!;
        Assert.True(comparison["data"]!.GetValue<bool>());
        Assert.Equal("[10,10]", comparison["chunks"]!.ToJsonString());
        Assert.Equal("zstd", comparison["compressor"]!["cname"]!.GetValue<string>());
        Assert.Equal(3, comparison["compressor"]!["clevel"]!.GetValue<int>());

        // Not a terminal: whole lines, the last one the finished bar.
        string lastProgress = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("copy ✔: 100%|████████████████████| 4/4 [", lastProgress);
        Assert.DoesNotContain('\r', result.Stderr);
        Assert.StartsWith($"copied '{source}' to '{copy}': 4 chunks, 0.0 MB in ", result.Stdout);
    }

    [Fact]
    public void ShardedV3CopyKeepsShardsAndInnerCodecByDefault()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.zarr"), copy = temp.Combine("copy.zarr");
        var options = new ZarrArrayOptions
        {
            Shape = [20, 13],
            ChunkShape = [4, 5],
            ShardShape = [8, 10],
            DataType = Volara.Runtime.Storage.DataType.Int32,
            ZarrFormat = 3,
            Codecs = [Volara.Runtime.Storage.Codecs.CodecRegistry.FromV3Config(
                JsonNode.Parse("""{"name":"gzip","configuration":{"level":2}}""")!.AsObject(), Volara.Runtime.Storage.DataType.Int32)],
            DimensionNames = ["y", "x"],
            Attributes = new JsonObject { ["voxel_size"] = new JsonArray(4, 4) },
        };
        int[] values = [.. Enumerable.Range(0, 20 * 13).Select(i => i * 7919 - 1000)];
        ZarrArray.Create(source, options).Write<int>([0, 0], [20, 13], values);

        var result = VolaraProcess.Run("copy", source, copy);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var copied = ZarrArray.Open(copy);
        Assert.Equal([4, 5], copied.ChunkShape);
        Assert.Equal([8, 10], copied.ShardShape);
        Assert.Equal(["y", "x"], copied.DimensionNames!);
        Assert.Equal("[4,4]", copied.Attributes["voxel_size"]!.ToJsonString());
        Assert.Contains("\"gzip\"", JsonSerializerText(copied.CodecConfigs));
        var readBack = new int[20 * 13];
        copied.Read<int>([0, 0], [20, 13], readBack);
        Assert.Equal(values, readBack);
    }

    private static string JsonSerializerText(IReadOnlyList<JsonObject> codecs) => new JsonArray([.. codecs.Select(c => c.DeepClone())]).ToJsonString();

    [Fact]
    public void PrintsTheOutcomeAsJson()
    {
        using var temp = new TempDirectory();
        SampleVolume.WriteRaw(temp.Combine("raw"));

        var result = VolaraProcess.Run("copy", temp.Combine("raw"), temp.Combine("copy"), "--chunks", "8,16,32", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(2, json["chunks_written"]!.GetValue<long>());
        Assert.Equal(8 * 32 * 32, json["bytes"]!.GetValue<long>());
        Assert.Equal(temp.Combine("copy"), json["destination"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("s.zarr/raw", "s.zarr", "'s.zarr/raw' lies inside 's.zarr'")]
    [InlineData("s.zarr/raw", "s.zarr/raw/copy", "'s.zarr/raw/copy' lies inside 's.zarr/raw'")]
    [InlineData("s.zarr/raw", "alias.zarr", "lies inside 'alias.zarr'")]
    public void OverlappingSourceAndDestinationAreRefusedAndTheSourceIsKept(string source, string destination, string message)
    {
        using var temp = new TempDirectory();
        var data = WriteArray(temp.Combine("s.zarr", "raw"), 3);
        Directory.CreateSymbolicLink(temp.Combine("alias.zarr"), temp.Combine("s.zarr"));

        var result = VolaraProcess.RunIn(temp.Path, "copy", source, destination, "--overwrite");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Equal(data, Read(temp.Combine("s.zarr", "raw")));
    }

    [Fact]
    public void AFailedCopyLeavesTheDestinationItReplacesWholeAndNoTemporaries()
    {
        using var temp = new TempDirectory();
        WriteArray(temp.Combine("source"), 1);
        var kept = WriteArray(temp.Combine("destination"), 2);
        File.WriteAllBytes(Path.Combine(temp.Combine("source"), "1.0"), new byte[7]);

        var result = VolaraProcess.Run("copy", temp.Combine("source"), temp.Combine("destination"), "--overwrite");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1.0", result.Stderr);
        Assert.Equal(kept, Read(temp.Combine("destination")));
        Assert.Equal(["destination", "source"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void OverwriteReplacesTheDestinationOnceTheCopyIsComplete()
    {
        using var temp = new TempDirectory();
        var copied = WriteArray(temp.Combine("source"), 1);
        WriteArray(temp.Combine("destination"), 2);

        var result = VolaraProcess.Run("copy", temp.Combine("source"), temp.Combine("destination"), "--overwrite");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(copied, Read(temp.Combine("destination")));
        Assert.Equal(["destination", "source"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    /// <summary>A 16×16 uint16 array in 8×8 chunks whose values depend on <paramref name="seed"/>.</summary>
    private static ushort[] WriteArray(string path, int seed)
    {
        var data = Enumerable.Range(0, 256).Select(i => (ushort)(i * seed + seed)).ToArray();
        var array = ZarrArray.Create(path, new ZarrArrayOptions { Shape = [16, 16], ChunkShape = [8, 8], DataType = Volara.Runtime.Storage.DataType.UInt16 });
        array.Write<ushort>([0, 0], [16, 16], data);
        return data;
    }

    private static ushort[] Read(string path)
    {
        var data = new ushort[256];
        ZarrArray.Open(path).Read<ushort>([0, 0], [16, 16], data);
        return data;
    }
}
