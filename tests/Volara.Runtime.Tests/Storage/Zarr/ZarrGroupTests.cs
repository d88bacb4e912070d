using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Storage.Zarr;

public sealed class ZarrGroupTests
{
    private static readonly ZarrArrayOptions Small = new() { Shape = [2], ChunkShape = [2], DataType = DataType.UInt8 };

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hierarchy_is_listed_and_ancestors_become_groups_up_to_the_container(int format)
    {
        using var temp = new TempDirectory();
        ZarrArray.Create(temp.Combine("outer", "data.zarr", "a", "b", "raw"), Small with { ZarrFormat = format });
        ZarrArray.Create(temp.Combine("outer", "data.zarr", "a", "labels"), Small with { ZarrFormat = format });
        ZarrGroup.Create(temp.Combine("outer", "data.zarr", "empty"), format);

        Assert.False(ZarrGroup.Exists(temp.Combine("outer")));
        var root = ZarrGroup.Open(temp.Combine("outer", "data.zarr"));
        Assert.Equal(format, root.ZarrFormat);
        Assert.Equal(
            [new ZarrNodeInfo("a", ZarrNodeKind.Group, format), new ZarrNodeInfo("empty", ZarrNodeKind.Group, format)],
            root.Children());
        Assert.Equal(
            [
                new ZarrNodeInfo("a", ZarrNodeKind.Group, format),
                new ZarrNodeInfo("a/b", ZarrNodeKind.Group, format),
                new ZarrNodeInfo("a/b/raw", ZarrNodeKind.Array, format),
                new ZarrNodeInfo("a/labels", ZarrNodeKind.Array, format),
                new ZarrNodeInfo("empty", ZarrNodeKind.Group, format),
            ],
            root.Walk());
        Assert.Equal("raw", root.Walk()[2].Name);
    }

    [Fact]
    public void Plain_directories_above_a_new_array_stay_plain()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("plain"));
        ZarrArray.Create(temp.Combine("plain", "new", "arr"), Small);
        Assert.True(ZarrGroup.Exists(temp.Combine("plain", "new")));
        Assert.False(ZarrGroup.Exists(temp.Combine("plain")));
        Assert.Throws<ZarrException>(() => ZarrArray.Create(temp.Combine("plain", "new", "arr", "inside"), Small));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Group_attributes_are_replaced_and_merged(int format)
    {
        using var temp = new TempDirectory();
        var group = ZarrGroup.Create(temp.Combine("g"), format);
        group.UpdateAttributes(new JsonObject { ["x"] = 1 });
        group.UpdateAttributes(new JsonObject { ["y"] = new JsonArray(1, 2) });
        Assert.Equal("""{"x":1,"y":[1,2]}""", ZarrGroup.Open(group.Path).Attributes.ToJsonString());
        group.SetAttributes(new JsonObject { ["z"] = "w" });
        Assert.Equal("""{"z":"w"}""", group.Attributes.ToJsonString());
        Assert.Same(group.GetType(), ZarrGroup.Create(group.Path, format).GetType());
        Assert.Throws<ZarrException>(() => ZarrGroup.Create(group.Path, format == 2 ? 3 : 2));
    }

    [Fact]
    public void Zarr_python_sees_the_hierarchy_written_here_and_vice_versa()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("mine.zarr", "volumes", "raw"), Small with { Attributes = new JsonObject { ["voxel_size"] = new JsonArray(4, 4) } });
        array.Write<byte>([0], [2], [7, 8]);
        ZarrGroup.Open(temp.Combine("mine.zarr")).UpdateAttributes(new JsonObject { ["note"] = "root" });
        const string script = """
import sys, json, zarr
g = zarr.open_group(sys.argv[1] + "/mine.zarr", mode="r")
arrays = []
g.visitvalues(lambda v: arrays.append(v.path) if isinstance(v, zarr.Array) else None)
raw = g["volumes/raw"]
theirs = zarr.open_group(sys.argv[1] + "/theirs.zarr", mode="w")
theirs.create_group("x").create_dataset("y", shape=(3,), chunks=(2,), dtype="i2")
theirs.attrs["k"] = "v"
print(json.dumps({"arrays": arrays, "root": dict(g.attrs), "values": raw[:].tolist(), "voxel": raw.attrs["voxel_size"]}))
""";
        var result = JsonNode.Parse(ReferencePython.Run(script, temp.Path))!;
        Assert.Equal("""["volumes/raw"]""", result["arrays"]!.ToJsonString());
        Assert.Equal("""{"note":"root"}""", result["root"]!.ToJsonString());
        Assert.Equal("[7,8]", result["values"]!.ToJsonString());
        Assert.Equal("[4,4]", result["voxel"]!.ToJsonString());

        var theirs = ZarrGroup.Open(temp.Combine("theirs.zarr"));
        Assert.Equal("v", theirs.Attributes["k"]!.GetValue<string>());
        Assert.Equal([new ZarrNodeInfo("x", ZarrNodeKind.Group, 2), new ZarrNodeInfo("x/y", ZarrNodeKind.Array, 2)], theirs.Walk());
        Assert.Equal([3L], ZarrArray.Open(temp.Combine("theirs.zarr", "x", "y")).Shape);
    }

    [Fact]
    public void Trailing_separators_do_not_change_the_node()
    {
        using var temp = new TempDirectory();
        var array = ZarrArray.Create(temp.Combine("t.zarr", "arr") + Path.DirectorySeparatorChar, Small);
        Assert.Equal(temp.Combine("t.zarr", "arr"), array.Path);
        Assert.True(ZarrGroup.Exists(temp.Combine("t.zarr") + Path.DirectorySeparatorChar));
        Assert.Equal([new ZarrNodeInfo("arr", ZarrNodeKind.Array, 2)], ZarrGroup.Open(temp.Combine("t.zarr")).Children());
    }
}
