using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Ome;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Ome;

public sealed class OmeMultiscalesTests
{
    private static readonly OmeAxis[] Zyx =
    [
        new("z", "space", "nanometer"), new("y", "space", "nanometer"), new("x", "space", "nanometer"),
    ];

    [Fact]
    public void Version_04_round_trips_through_zattrs()
    {
        using var temp = new TempDirectory();
        string image = temp.Combine("img.zarr");
        ZarrGroup.Create(image).UpdateAttributes(new JsonObject { ["keep"] = 1 });
        var written = new OmeMultiscales
        {
            Version = "0.4", Name = "raw", Axes = Zyx, Type = "gaussian",
            Datasets = [new("s0", [40, 4, 4], [400, 40, 40]), new("s1", [80, 8, 8], [420, 42, 42])],
        };
        OmeMultiscales.Write(image, written);

        var zattrs = JsonNode.Parse(File.ReadAllText(Path.Combine(image, ".zattrs")))!;
        Assert.Equal(1, zattrs["keep"]!.GetValue<int>());
        var entry = zattrs["multiscales"]![0]!;
        Assert.Equal("0.4", entry["version"]!.GetValue<string>());
        Assert.Equal("""[{"type":"scale","scale":[40,4,4]},{"type":"translation","translation":[400,40,40]}]""",
            entry["datasets"]![0]!["coordinateTransformations"]!.ToJsonString());

        var read = OmeMultiscales.Read(image);
        Assert.Equal("0.4", read.Version);
        Assert.Equal("raw", read.Name);
        Assert.Equal("gaussian", read.Type);
        Assert.Equal(Zyx, read.Axes);
        Assert.Equal(2, read.Datasets.Count);
        Assert.Equal("s1", read.Datasets[1].Path);
        Assert.Equal([80.0, 8, 8], read.Datasets[1].Scale);
        Assert.Equal([420.0, 42, 42], read.Datasets[1].Translation!);
        Assert.True(OmeMultiscales.Exists(image));
    }

    [Fact]
    public void Version_05_lives_under_ome_in_zarr_json_and_checks_dimension_names()
    {
        using var temp = new TempDirectory();
        string image = temp.Combine("img5.zarr");
        ZarrArray.Create(Path.Combine(image, "0"), new ZarrArrayOptions
        {
            Shape = [4, 4, 4], ChunkShape = [4, 4, 4], DataType = DataType.UInt8, ZarrFormat = 3, DimensionNames = ["z", "y", "x"],
        });
        var multiscales = new OmeMultiscales { Version = "0.5", Axes = Zyx, Datasets = [new("0", [8, 4, 4])] };
        OmeMultiscales.Write(image, multiscales);

        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(image, "zarr.json")))!;
        Assert.Equal("group", doc["node_type"]!.GetValue<string>());
        Assert.Equal("0.5", doc["attributes"]!["ome"]!["version"]!.GetValue<string>());
        Assert.Null(doc["attributes"]!["ome"]!["multiscales"]![0]!["version"]);
        var read = OmeMultiscales.Read(image);
        Assert.Equal("0.5", read.Version);
        Assert.Null(read.Datasets[0].Translation);
        Assert.Equal([8.0, 4, 4], read.Datasets[0].Scale);

        ZarrArray.Create(Path.Combine(image, "1"), new ZarrArrayOptions
        {
            Shape = [2, 2, 2], ChunkShape = [2, 2, 2], DataType = DataType.UInt8, ZarrFormat = 3, DimensionNames = ["x", "y", "z"],
        });
        var e = Assert.Throws<MetadataException>(() => OmeMultiscales.Write(image, multiscales with { Datasets = [new("0", [8, 4, 4]), new("1", [16, 8, 8])] }));
        Assert.Equal("dimension_names", e.Field);
        Assert.Throws<ZarrException>(() => OmeMultiscales.Write(image, multiscales with { Version = "0.4" }));
    }

    [Fact]
    public void Five_dimensional_document_with_a_global_transform_is_read()
    {
        using var temp = new TempDirectory();
        string image = temp.Combine("five");
        ZarrGroup.Create(image).SetAttributes(JsonNode.Parse("""
        {"multiscales": [{"version": "0.4", "axes": [
            {"name": "sample", "type": "sample"}, {"name": "c", "type": "channel"}, {"name": "t", "type": "time", "unit": "millisecond"},
            {"name": "y", "type": "space", "unit": "micrometer"}, {"name": "x", "type": "space", "unit": "micrometer"}],
          "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [0.1, 1, 1, 2, 3]},
                                                                  {"type": "translation", "translation": [0, 0, 100, 200, 400]}]}],
          "coordinateTransformations": [{"type": "scale", "scale": [1, 1, 0.5, 1, 1]}]}]}
        """)!.AsObject());
        var read = OmeMultiscales.Read(image);
        Assert.Equal(new OmeAxis("t", "time", "millisecond"), read.Axes[2]);
        Assert.Equal([0.1, 1, 1, 2, 3], read.Datasets[0].Scale);
        Assert.Equal([0.0, 0, 100, 200, 400], read.Datasets[0].Translation!);
        Assert.Equal([1.0, 1, 0.5, 1, 1], read.Scale!);
        Assert.Null(read.Translation);
    }

    [Theory]
    [InlineData("""{"multiscales": [{"axes": [{"name": "y"}], "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [1]}]}]}]}""", "multiscales/0/axes")]
    [InlineData("""{"multiscales": [{"axes": [{"name": "y"}, {"name": "y"}], "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [1, 1]}]}]}]}""", "multiscales/0/axes")]
    [InlineData("""{"multiscales": [{"axes": [{"name": "y"}, {"name": "x"}], "datasets": []}]}""", "multiscales/0/datasets")]
    [InlineData("""{"multiscales": [{"axes": [{"name": "y"}, {"name": "x"}], "datasets": [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [1]}]}]}]}""", "multiscales/0/datasets/0/coordinateTransformations")]
    [InlineData("""{"multiscales": [{"axes": [{"name": "y"}, {"name": "x"}], "datasets": [{"path": "0", "coordinateTransformations": [{"type": "translation", "translation": [1, 1]}]}]}]}""", "multiscales/0/datasets/0/coordinateTransformations")]
    [InlineData("""{"other": 1}""", "multiscales")]
    [InlineData("""{"ome": {"multiscales": []}}""", "ome/version")]
    public void Malformed_metadata_names_the_field(string attributes, string field)
    {
        using var temp = new TempDirectory();
        string image = temp.Combine("bad");
        ZarrGroup.Create(image).SetAttributes(JsonNode.Parse(attributes)!.AsObject());
        var e = Assert.Throws<MetadataException>(() => OmeMultiscales.Read(image));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Invalid_descriptions_are_refused_before_writing()
    {
        using var temp = new TempDirectory();
        string image = temp.Combine("w");
        Assert.Throws<ArgumentException>(() => OmeMultiscales.Write(image, new OmeMultiscales { Version = "0.4", Axes = Zyx, Datasets = [new("0", [1, 1])] }));
        Assert.Throws<ArgumentException>(() => OmeMultiscales.Write(image, new OmeMultiscales { Version = "0.6", Axes = Zyx, Datasets = [new("0", [1, 1, 1])] }));
        Assert.False(Directory.Exists(image));
    }
}
