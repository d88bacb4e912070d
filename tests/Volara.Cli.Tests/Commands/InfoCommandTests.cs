using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Tests.Commands;

public sealed class InfoCommandTests
{
    private const string FunlibAttributes = """{"voxel_size": [40, 4, 4], "offset": [400, 0, 8], "axis_names": ["z", "y", "x"], "units": ["nm", "nm", "nm"]}""";

    [Fact]
    public void PrintsAnAlignedTableForAPythonWrittenArray()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("raw.zarr");
        PythonArrays.Create(path, "20,30,40", "8,16,16", "uint16", "numcodecs.Blosc(cname='lz4', clevel=5, shuffle=1)", FunlibAttributes);

        var result = VolaraProcess.Run("info", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("shape        (20, 30, 40)", lines[0]);
        Assert.Equal("dtype        uint16", lines[1]);
        Assert.Equal("chunks       (8, 16, 16)", lines[2]);
        Assert.Equal("shards       none", lines[3]);
        Assert.Equal("zarr_format  2", lines[4]);
        Assert.StartsWith("codecs       blosc(", lines[5]);
        Assert.Contains("cname=lz4", lines[5]);
        Assert.Contains("shuffle=1", lines[5]);
        Assert.Equal("fill_value   0", lines[6]);
        Assert.Equal("voxel_size   (40, 4, 4)", lines[7]);
        Assert.Equal("offset       (400, 0, 8)", lines[8]);
        Assert.Equal("axis_names   (z, y, x)", lines[9]);
        Assert.Equal("units        (nm, nm, nm)", lines[10]);
    }

    [Fact]
    public void JsonHasExactlyTheDocumentedKeys()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("raw.zarr");
        PythonArrays.Create(path, "20,30,40", "8,16,16", "float32", "numcodecs.GZip(level=3)", FunlibAttributes);

        var result = VolaraProcess.Run("info", path, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(
            ["shape", "dtype", "chunks", "shards", "zarr_format", "codecs", "fill_value", "voxel_size", "offset", "axis_names", "units"],
            json.Select(pair => pair.Key));
        Assert.Equal("[20,30,40]", json["shape"]!.ToJsonString());
        Assert.Equal("float32", json["dtype"]!.GetValue<string>());
        Assert.Equal("[8,16,16]", json["chunks"]!.ToJsonString());
        Assert.Null(json["shards"]);
        Assert.Equal(2, json["zarr_format"]!.GetValue<int>());
        var codec = Assert.Single(json["codecs"]!.AsArray())!.AsObject();
        Assert.Equal("gzip", codec["id"]!.GetValue<string>());
        Assert.Equal(3, codec["level"]!.GetValue<int>());
        Assert.Equal(0, json["fill_value"]!.GetValue<double>());
        Assert.Equal("[40,4,4]", json["voxel_size"]!.ToJsonString());
        Assert.Equal("[400,0,8]", json["offset"]!.ToJsonString());
        Assert.Equal("""["z","y","x"]""", json["axis_names"]!.ToJsonString());
        Assert.Equal("""["nm","nm","nm"]""", json["units"]!.ToJsonString());
    }

    [Fact]
    public void ShardedV3ArrayWithoutAttributesGetsFunlibDefaults()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("labels.zarr");
        ZarrArray.Create(path, new ZarrArrayOptions
        {
            Shape = [32, 48],
            ChunkShape = [8, 8],
            ShardShape = [16, 16],
            DataType = DataType.UInt64,
            ZarrFormat = 3,
        });

        var result = VolaraProcess.Run("info", "--json", path);

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(3, json["zarr_format"]!.GetValue<int>());
        Assert.Equal("uint64", json["dtype"]!.GetValue<string>());
        Assert.Equal("[8,8]", json["chunks"]!.ToJsonString());
        Assert.Equal("[16,16]", json["shards"]!.ToJsonString());
        Assert.Equal("[1,1]", json["voxel_size"]!.ToJsonString());
        Assert.Equal("[0,0]", json["offset"]!.ToJsonString());
        Assert.Equal("""["d0","d1"]""", json["axis_names"]!.ToJsonString());
        Assert.Equal("""["",""]""", json["units"]!.ToJsonString());
    }

    [Fact]
    public void MissingArrayIsOneErrorLineNamingThePath()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("nothing-here.zarr");

        var result = VolaraProcess.Run("info", path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        string line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("volara: error: ", line);
        Assert.Contains("nothing-here.zarr", line);
    }

    [Fact]
    public void AGroupListsItsArraysAtAnyDepth()
    {
        using var temp = new TempDirectory();
        string container = temp.Combine("data.zarr");
        ZarrGroup.Create(container);
        ZarrArray.Create(Path.Combine(container, "raw"), new ZarrArrayOptions { Shape = [4, 8, 8], ChunkShape = [2, 4, 4], DataType = DataType.UInt8 });
        ZarrArray.Create(Path.Combine(container, "out", "segments"), new ZarrArrayOptions { Shape = [4, 8, 8], ChunkShape = [4, 8, 8], DataType = DataType.UInt64 });

        var text = VolaraProcess.Run("info", container);
        var json = VolaraProcess.Run("info", container, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Equal(
            "group (zarr v2) with 2 arrays\n" +
            "array         dtype   shape      chunks\n" +
            "out/segments  uint64  (4, 8, 8)  (4, 8, 8)\n" +
            "raw           uint8   (4, 8, 8)  (2, 4, 4)\n",
            text.Stdout);
        var listed = JsonNode.Parse(json.Stdout)!;
        Assert.Equal("group", listed["kind"]!.GetValue<string>());
        Assert.Equal(["out/segments", "raw"], listed["arrays"]!.AsArray().Select(a => a!["path"]!.GetValue<string>()));
    }

    [Fact]
    public void ALookUpTableIsDescribedAsOne()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("lut.npz");
        new Volara.Runtime.Luts.Lut { Path = file }.Save(new Volara.Runtime.Luts.FragmentSegmentLut([1, 2, 3, 4], [7, 7, 9, 7]));

        var result = VolaraProcess.Run("info", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("look-up table (fragment → segment), shape (2, 4), dtype uint64: 4 fragments in 2 segments\n", result.Stdout);
    }
}
