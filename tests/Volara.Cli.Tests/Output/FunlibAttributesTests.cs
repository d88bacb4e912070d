using System.Text.Json.Nodes;
using Volara.Cli.Output;

namespace Volara.Cli.Tests.Output;

public sealed class FunlibAttributesTests
{
    [Fact]
    public void MissingKeysGetFunlibDefaultsForEveryDimension()
    {
        var geometry = FunlibAttributes.Read(new JsonObject(), 3, "a.zarr");

        Assert.Equal("[1,1,1]", geometry.VoxelSize.ToJsonString());
        Assert.Equal("[0,0,0]", geometry.Offset.ToJsonString());
        Assert.Equal("""["d0","d1","d2"]""", geometry.AxisNames.ToJsonString());
        Assert.Equal("""["","",""]""", geometry.Units.ToJsonString());
    }

    [Fact]
    public void PresentKeysAreTakenAsWritten()
    {
        var attributes = JsonNode.Parse("""{"voxel_size":[40,4,4],"offset":[400,0,8],"axis_names":["z","y","x"],"units":["nm","nm","nm"]}""")!.AsObject();

        var geometry = FunlibAttributes.Read(attributes, 3, "a.zarr");

        Assert.Equal("[40,4,4]", geometry.VoxelSize.ToJsonString());
        Assert.Equal("[400,0,8]", geometry.Offset.ToJsonString());
        Assert.Equal("""["z","y","x"]""", geometry.AxisNames.ToJsonString());
    }

    [Fact]
    public void MalformedKeysNameTheAttributeAndArray()
    {
        var attributes = JsonNode.Parse("""{"voxel_size":"4nm"}""")!.AsObject();

        var error = Assert.Throws<FormatException>(() => FunlibAttributes.Read(attributes, 3, "raw.zarr"));
        Assert.Contains("'voxel_size'", error.Message);
        Assert.Contains("'raw.zarr'", error.Message);
    }
}
