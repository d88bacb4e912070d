using System.Text.Json;
using System.Text.Json.Nodes;
using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Datasets;

/// <summary>volara's test_dataset / test_dataset_flip / test_dataset_drop acceptance cases.</summary>
public sealed class DatasetTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Ones(string name, long[] shape, float value = 1f, string[]? axisNames = null)
    {
        var path = _directory.Combine(name);
        var array = VolumeArray.Prepare(path, new PrepareOptions { Shape = shape, AxisNames = axisNames ?? ["c^", "y", "x"], DataType = DataType.Float32 });
        array.Write<float>(array.Roi, Enumerable.Repeat(value, (int)shape.Aggregate(1L, (a, b) => a * b)).ToArray());
        return path;
    }

    private string Arange(string name, params long[] shape)
    {
        var path = _directory.Combine(name);
        var names = "tczyx"[(5 - shape.Length)..].Select(c => c.ToString()).ToArray();
        var array = VolumeArray.Prepare(path, new PrepareOptions { Shape = shape, AxisNames = names, DataType = DataType.UInt16 });
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        array.Write<ushort>(array.Roi, Enumerable.Range(0, count).Select(i => (ushort)i).ToArray());
        return path;
    }

    [Fact]
    public void RawRoundTripsThroughJson()
    {
        var raw = JsonSerializer.Deserialize<Dataset>("""{"dataset_type": "raw", "store": "test.zarr", "voxel_size": [10, 10, 10], "scale_shift": [0.5, 10.0], "channels": 0}""");
        var typed = Assert.IsType<Raw>(raw);
        Assert.Equal([0.5, 10.0], typed.ScaleShift);
        Assert.Equal(new Coordinate(10, 10, 10), typed.VoxelSize);
        Assert.Equal([ChannelSelector.At(0)], typed.Channels);
        var json = JsonSerializer.Serialize<Dataset>(typed);
        Assert.Contains("\"dataset_type\":\"raw\"", json);
        Assert.DoesNotContain("null", json);
        Assert.Equal(typed, JsonSerializer.Deserialize<Dataset>(json));
        Assert.NotEqual(typed, typed with { ScaleShift = [0.5, 11.0] });
        Assert.Equal("test.zarr", typed.Name);
    }

    [Fact]
    public void AffsRoundTripsThroughJson()
    {
        var affs = Assert.IsType<Affs>(JsonSerializer.Deserialize<Dataset>("""{"dataset_type": "affs", "store": "affs.zarr", "neighborhood": [[0, 1, 0], [0, 0, 1]]}"""));
        Assert.Equal(2, affs.Neighborhood!.Count);
        Assert.Equal(new Coordinate(0, 1, 0), affs.Neighborhood[0]);
        Assert.Equal(affs, JsonSerializer.Deserialize<Dataset>(JsonSerializer.Serialize<Dataset>(affs)));
    }

    [Fact]
    public void ChannelsScaleShiftOnZarr()
    {
        var store = Ones("ones.zarr", [2, 10, 10]);
        Assert.Equal([10L, 10], new Raw { Store = store, Channels = [0] }.Array().Shape);
        Assert.All(new Raw { Store = store, Channels = [0] }.Array().ReadAll<float>().ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal([5L, 10], new Raw { Store = store, Channels = [0, new long[] { 0, 2, 4, 6, 8 }] }.Array().Shape);
        Assert.Equal([5L], new Raw { Store = store, Channels = [0, 0, new long[] { 0, 2, 4, 6, 8 }] }.Array().Shape);
        var scaled = new Raw { Store = store, ScaleShift = [2, 5] }.Array();
        Assert.All(scaled.ReadAll<float>().ToArray(), v => Assert.Equal(7f, v));
    }

    [Fact]
    public void StackConcatenatesAlongAxisZeroAfterTheValueKeywords()
    {
        var ones = Ones("ones.zarr", [2, 10, 10]);
        var twos = Ones("twos.zarr", [2, 10, 10], 2f);
        var stacked = new Raw { Store = ones, Stack = new Raw { Store = twos } };
        var array = stacked.Array();
        Assert.Equal([4L, 10, 10], array.Shape);
        Assert.False(array.IsWritable);
        var values = array.ReadAll<float>();
        Assert.Equal(1f, values[1, 9, 9]);
        Assert.Equal(2f, values[2, 0, 0]);
        Assert.Equal(200, values.ToArray().Count(v => v == 1f));

        var selected = (stacked with { ScaleShift = [2, 5], Channels = [new long[] { 3, 0 }] }).Array();
        var picked = selected.Read<float>(new Roi(new Coordinate(2, 2), new Coordinate(3, 1)));
        Assert.Equal([2L, 3, 1], picked.Lengths.ToArray().Select(l => (long)l));
        Assert.Equal([2f, 2, 2, 7, 7, 7], picked.ToArray());
        var json = JsonSerializer.Serialize<Dataset>(stacked);
        Assert.Contains("\"stack\":{\"dataset_type\":\"raw\"", json);
        Assert.Equal(stacked, JsonSerializer.Deserialize<Dataset>(json));
        Assert.Throws<VolumeReadOnlyException>(() => stacked.Array(AccessMode.ReadWrite));
    }

    [Fact]
    public void OmeNormBoundsAndNormalisation()
    {
        var store = Ones("raw.zarr", [2, 4, 4], 50f);
        var omeGroup = _directory.Combine("ome.zarr");
        ZarrGroup.Create(omeGroup).SetAttributes(JsonNode.Parse(
            """{"omero": {"channels": [{"window": {"min": 0, "max": 255}}, {"window": {"min": 10, "max": 100}}]}}""")!.AsObject());
        var raw = new Raw { Store = store, OmeNorm = omeGroup };
        Assert.Equal("[[0,255],[10,100]]", raw.Attrs["bounds"]!.ToJsonString());
        var values = raw.Array().ReadAll<float>();
        Assert.Equal(50f / 255f, values[0, 0, 0]);
        Assert.Equal(40f / 90f, values[1, 3, 3]);
        Assert.Empty(new Raw { Store = store }.Attrs);
    }

    [Fact]
    public void AffsNeighborhoodResolution()
    {
        var store = _directory.Combine("affs.zarr");
        Assert.Throws<InvalidDatasetException>(() => new Affs { Store = store }.Resolved());
        var affs = new Affs { Store = store, Neighborhood = [new Coordinate(0, 1), new Coordinate(1, 0)] };
        Assert.Equal("""{"neighborhood":[[0,1],[1,0]]}""", affs.Attrs.ToJsonString());
        affs.Prepare([2, 10, 10], [1, 5, 5], new Coordinate(0, 0), new Coordinate(1, 1), ["nm", "nm"], ["affs", "y", "x"], ["affs", "space", "space"], DataType.Float32);
        var loaded = new Affs { Store = store }.Resolved();
        Assert.Equal([new Coordinate(0, 1), new Coordinate(1, 0)], loaded.Neighborhood);
        var error = Assert.Throws<InvalidDatasetException>(() => new Affs { Store = store, Neighborhood = [new Coordinate(5, 5)] }.Resolved());
        Assert.Contains("does not match", error.Message);
        var opened = loaded.Array();
        Assert.Equal(["affs", "space", "space"], opened.Types);
        Assert.Equal(1, opened.ChannelDims);
    }

    [Fact]
    public void LabelsAndLsdAttrs()
    {
        Assert.Empty(new Labels { Store = "dummy" }.Attrs);
        Assert.Equal("""{"lsds":true}""", new Lsd { Store = "dummy" }.Attrs.ToJsonString());
    }

    [Fact]
    public void FlipOnZarrAndInAJsonRoundTrip()
    {
        var store = Arange("flip.zarr", 2, 3, 6, 5, 4);
        var raw = new Raw { Store = store, Channels = [1, 2], Flip = [0] };
        var expected = NdReference.Arange(2, 3, 6, 5, 4).At(1).At(2).Reverse(0).Data.Select(v => (ushort)v);
        Assert.Equal(expected, raw.Array().ReadAll<ushort>().ToArray());
        var back = Assert.IsType<Raw>(JsonSerializer.Deserialize<Dataset>(JsonSerializer.Serialize<Dataset>(raw)));
        Assert.Equal(raw, back);
        Assert.Equal(expected, back.Array().ReadAll<ushort>().ToArray());
        Assert.Equal(new Raw { Store = store }.Array().ReadAll<ushort>().ToArray(), new Raw { Store = store, Flip = [] }.Array().ReadAll<ushort>().ToArray());
        Assert.Contains("out of range for the 3-D array", Assert.Throws<InvalidOperationChainException>(() => new Raw { Store = store, Channels = [1, 2], Flip = [4] }.Array()).Message);
        Assert.Contains("read-only", Assert.Throws<VolumeReadOnlyException>(() => new Raw { Store = store, Flip = [0] }.Array(AccessMode.ReadWrite)).Message);
    }

    [Fact]
    public void KeywordOpsEqualExplicitOps()
    {
        var store = Arange("ops.zarr", 4, 5, 6, 3);
        var keywords = new Raw { Store = store, Channels = [0, 0], Flip = [0], ScaleShift = [0.5, 1.0] };
        var explicitOps = new Raw { Store = store, Ops = [new ScaleShift(0.5, 1.0), new SelectChannels(0, 0), new ReverseAxes(0)] };
        Assert.Equal(keywords.ResolvedOps(), explicitOps.ResolvedOps());
        Assert.Equal(keywords.Array().ReadAll<float>().ToArray(), explicitOps.Array().ReadAll<float>().ToArray());
        var json = JsonSerializer.Serialize<Dataset>(explicitOps);
        Assert.Contains("""{"op":"reverse_axes","axes":[0]}""", json);
        Assert.Equal(explicitOps, JsonSerializer.Deserialize<Dataset>(json));
    }

    [Fact]
    public void NotWritableDatasetsOpenOnlyForReading()
    {
        var store = Arange("ro.zarr", 4, 4);
        var dataset = new Labels { Store = store, Writable = false };
        Assert.Equal(16, dataset.Array().ReadAll<ushort>().FlattenedLength);
        Assert.Throws<VolumeReadOnlyException>(() => dataset.Array(AccessMode.ReadWrite));
        var writable = new Labels { Store = store }.Array(AccessMode.ReadWrite);
        writable.Write<ushort>(new Roi(new Coordinate(0, 0), new Coordinate(1, 1)), [42]);
        Assert.Equal(42, new Labels { Store = store }.Array().ReadAll<ushort>()[0, 0]);
    }

    [Fact]
    public void Drop()
    {
        var store = Arange("drop.zarr", 2, 2);
        new Labels { Store = store }.Drop();
        Assert.False(Directory.Exists(store));
        new Labels { Store = store }.Drop();
        var fileUrl = Arange("drop2.zarr", 2, 2);
        new Labels { Store = "file://" + fileUrl }.Drop();
        Assert.False(Directory.Exists(fileUrl));
        Assert.Contains("URL this method cannot delete", Assert.Throws<ArgumentException>(() => new Labels { Store = "gs://bucket/x.zarr" }.Drop()).Message);
    }
}
