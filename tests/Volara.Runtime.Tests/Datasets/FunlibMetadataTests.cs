using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Tests.Datasets;

public class FunlibMetadataTests
{
    private static readonly string[] FiveTypes = ["channel", "channel", "space", "space", "space"];

    [Fact]
    public void EmptyAttributesMakeEveryDimPhysical()
    {
        var metadata = FunlibMetadata.Parse(5, new JsonObject());
        Assert.Equal(Enumerable.Repeat("space", 5), metadata.Types);
        Assert.Equal(Coordinate.Filled(5, 0), metadata.Offset);
        Assert.Equal(Coordinate.Filled(5, 1), metadata.VoxelSize);
        Assert.Equal(["d0", "d1", "d2", "d3", "d4"], metadata.AxisNames);
        Assert.Equal(Enumerable.Repeat(string.Empty, 5), metadata.Units);
        Assert.Equal(0, metadata.ChannelDims);
    }

    public static TheoryData<string> IncompleteFixtures() => new()
    {
        """{"types": ["channel", "channel", "space", "space", "space"]}""",
        """{"units": ["", "", ""]}""",
        """{"offset": [0, 0, 0], "voxel_size": [1, 1, 1], "types": ["channel", "channel", "space", "space", "space"]}""",
    };

    [Theory]
    [MemberData(nameof(IncompleteFixtures))]
    public void IncompleteAttributesGetFunlibDefaults(string attributes)
    {
        var metadata = FunlibMetadata.Parse(5, JsonNode.Parse(attributes)!.AsObject());
        Assert.Equal(["c0^", "c1^", "d0", "d1", "d2"], metadata.AxisNames);
        Assert.Equal(new Coordinate(0, 0, 0), metadata.Offset);
        Assert.Equal(new Coordinate(1, 1, 1), metadata.VoxelSize);
        Assert.Equal(FiveTypes, metadata.Types);
        Assert.Equal([2, 3, 4], metadata.PhysicalAxes);
    }

    [Fact]
    public void AllDimValuesAreReducedToPhysicalDimsAndFloatsTruncate()
    {
        var attributes = JsonNode.Parse(
            """
            {"axis_names": ["s^", "c^", "t", "z", "y"], "types": ["sample", "channel", "time", "space", "space"],
             "voxel_size": [0.1, 1, 1, 2, 3], "offset": [0, 0, 100, 200, 400], "units": ["", "", "s", "nm", "nm"]}
            """)!.AsObject();
        var metadata = FunlibMetadata.Parse(5, attributes);
        Assert.Equal(new Coordinate(1, 2, 3), metadata.VoxelSize);
        Assert.Equal(new Coordinate(100, 200, 400), metadata.Offset);
        Assert.Equal(["s", "nm", "nm"], metadata.Units);
        Assert.Equal(2, metadata.ChannelDims);
    }

    [Fact]
    public void DisagreeingPhysicalDimsAreAmbiguous()
    {
        var error = Assert.Throws<InvalidMetadataException>(() => FunlibMetadata.Create(2, new MetadataOverrides { Offset = new Coordinate(0, 0), Units = ["nm"] }, "a.zarr/x"));
        Assert.Contains("ambiguous", error.Message);
        Assert.Contains("a.zarr/x", error.Message);
        Assert.Throws<InvalidMetadataException>(() => FunlibMetadata.Create(3, new MetadataOverrides { Offset = new Coordinate(0, 0, 0), VoxelSize = new Coordinate(1, 1) }));
    }

    [Fact]
    public void WrongLengthsAndBadValuesAreRejectedNamingTheField()
    {
        Assert.Contains("axis_names", Assert.Throws<InvalidMetadataException>(() => FunlibMetadata.Create(3, new MetadataOverrides { AxisNames = ["z", "y"] })).Message);
        Assert.Contains("offset", Assert.Throws<InvalidMetadataException>(() => FunlibMetadata.Create(3, new MetadataOverrides { Types = ["channel", "space", "space"], Offset = new Coordinate(1) })).Message);
        Assert.Contains("voxel_size", Assert.Throws<InvalidMetadataException>(() => FunlibMetadata.Create(2, new MetadataOverrides { VoxelSize = new Coordinate(1, 0) })).Message);
        Assert.Contains("units", Assert.Throws<InvalidMetadataException>(() => FunlibMetadata.Parse(1, JsonNode.Parse("""{"units": "nm"}""")!.AsObject())).Message);
    }

    [Fact]
    public void ChannelMarkersInNamesDecideTypesWhenTypesAreMissing()
    {
        var metadata = FunlibMetadata.Create(4, new MetadataOverrides { AxisNames = ["z", "y", "x", "c^"] });
        Assert.Equal(["space", "space", "space", "channel"], metadata.Types);
        Assert.Equal(3, metadata.PhysicalDims);
        Assert.Equal(new Coordinate(1, 1, 1), metadata.VoxelSize);
    }

    [Fact]
    public void TypesPlaceDefaultNamesInDimOrder()
    {
        var metadata = FunlibMetadata.Create(3, new MetadataOverrides { Types = ["space", "channel", "time"] });
        Assert.Equal(["d0", "c0^", "d1"], metadata.AxisNames);
    }

    [Fact]
    public void OverridesBeatStoredValuesFieldByField()
    {
        var attributes = JsonNode.Parse("""{"voxel_size": [4, 4], "offset": [8, 8], "units": ["nm", "nm"]}""")!.AsObject();
        var metadata = FunlibMetadata.Parse(2, attributes, new MetadataOverrides { Offset = new Coordinate(0, 4) });
        Assert.Equal(new Coordinate(0, 4), metadata.Offset);
        Assert.Equal(new Coordinate(4, 4), metadata.VoxelSize);
        Assert.Equal(["nm", "nm"], metadata.Units);
    }

    [Fact]
    public void WrittenAttributesParseBackToTheSameMetadata()
    {
        var metadata = FunlibMetadata.Create(4, new MetadataOverrides
        {
            Types = ["channel", "space", "space", "space"],
            VoxelSize = new Coordinate(40, 4, 4),
            Offset = new Coordinate(400, 8, -4),
            Units = ["nm", "nm", "nm"],
            AxisNames = ["c^", "z", "y", "x"],
        });
        var attributes = metadata.ToAttributes();
        Assert.Equal("""{"axis_names":["c^","z","y","x"],"units":["nm","nm","nm"],"voxel_size":[40,4,4],"offset":[400,8,-4],"types":["channel","space","space","space"]}""", attributes.ToJsonString());
        var parsed = FunlibMetadata.Parse(4, attributes);
        Assert.Null(parsed.DescribeIncompatibility(metadata));
        Assert.Equal(metadata.Offset, parsed.Offset);
    }

    [Fact]
    public void CompatibilityComparesElementWiseAndIgnoresOffset()
    {
        var a = FunlibMetadata.Create(2, new MetadataOverrides { VoxelSize = new Coordinate(2, 2), Offset = new Coordinate(0, 0) });
        var b = FunlibMetadata.Create(2, new MetadataOverrides { VoxelSize = new Coordinate(2, 2), Offset = new Coordinate(10, 10) });
        var c = FunlibMetadata.Create(2, new MetadataOverrides { VoxelSize = new Coordinate(2, 4) });
        var d = FunlibMetadata.Create(2, new MetadataOverrides { VoxelSize = new Coordinate(2, 2), Units = ["nm", "um"] });
        Assert.Null(a.DescribeIncompatibility(b));
        Assert.Contains("voxel_size", a.DescribeIncompatibility(c));
        Assert.Contains("units", a.DescribeIncompatibility(d));
    }
}
