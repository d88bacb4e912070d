using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Ome;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Datasets;

public sealed class OmeAncestorMetadataTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Image()
    {
        var image = _directory.Combine("img.zarr", "raw");
        ZarrGroup.Create(_directory.Combine("img.zarr"));
        OmeMultiscales.Write(image, new OmeMultiscales
        {
            Version = "0.4",
            Axes = [new OmeAxis("c", "channel"), new OmeAxis("z", "space", "nanometer"), new OmeAxis("y", "space", "nanometer")],
            Datasets = [new OmeDataset("s0", [1, 40, 4], [0, 400, 40]), new OmeDataset("s1", [1, 80, 8], [0, 420, 42])],
        });
        foreach (var level in new[] { "s0", "s1", "other" })
        {
            ZarrArray.Create(System.IO.Path.Combine(image, level), new ZarrArrayOptions { Shape = [2, 4, 4], ChunkShape = [1, 4, 4], DataType = DataType.UInt8 });
        }

        return image;
    }

    [Fact]
    public void LevelsOfAnOmeImageTakeVoxelSizeAndOffsetFromTheMultiscales()
    {
        var image = Image();
        var s0 = VolumeArray.Open(System.IO.Path.Combine(image, "s0"));
        Assert.Equal(new Coordinate(40, 4), s0.VoxelSize);
        Assert.Equal(new Coordinate(400, 40), s0.Offset);
        Assert.Equal(["c", "z", "y"], s0.AxisNames);
        Assert.Equal(["nanometer", "nanometer"], s0.Units);
        Assert.Equal(1, s0.ChannelDims);
        var s1 = VolumeArray.Open(System.IO.Path.Combine(image, "s1"));
        Assert.Equal(new Roi(new Coordinate(420, 42), new Coordinate(320, 32)), s1.Roi);
        var other = VolumeArray.Open(System.IO.Path.Combine(image, "other"));
        Assert.Equal(new Coordinate(1, 1, 1), other.VoxelSize);
    }

    [Fact]
    public void ArrayAttributesAndOverridesBeatOmeMetadata()
    {
        var image = Image();
        var path = System.IO.Path.Combine(image, "s0");
        ZarrArray.Open(path, writable: true).SetAttributes(JsonNode.Parse("""{"voxel_size": [50, 5]}""")!.AsObject());
        var opened = VolumeArray.Open(path, overrides: new MetadataOverrides { Offset = new Coordinate(0, 0) });
        Assert.Equal(new Coordinate(50, 5), opened.VoxelSize);
        Assert.Equal(new Coordinate(0, 0), opened.Offset);
        Assert.Equal(["nanometer", "nanometer"], opened.Units);
    }
}
