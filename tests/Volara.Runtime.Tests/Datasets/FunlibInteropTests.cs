using Volara.Runtime.Datasets;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Tests.Support;

namespace Volara.Runtime.Tests.Datasets;

/// <summary>Arrays with funlib attributes written here are what zarr-python 2 / funlib expect, and vice versa.</summary>
public sealed class FunlibInteropTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ArraysWrittenHereReadInZarrPythonWithFunlibAttributes()
    {
        var path = _directory.Combine("out.zarr", "raw");
        var array = VolumeArray.Prepare(path, new PrepareOptions
        {
            Shape = [2, 4, 6],
            ChunkShape = [1, 2, 3],
            DataType = DataType.UInt16,
            AxisNames = ["c^", "y", "x"],
            VoxelSize = new Coordinate(4, 8),
            Offset = new Coordinate(40, -16),
            Units = ["nm", "nm"],
        });
        array.Write<ushort>(array.Roi, Enumerable.Range(0, 48).Select(i => (ushort)(i * 3)).ToArray());

        const string script = """
            import sys, json, zarr, numpy as np
            a = zarr.open(sys.argv[1], mode="r")
            attrs = dict(a.attrs)
            expected = np.arange(48, dtype=np.uint16).reshape(2, 4, 6) * 3
            assert a.dtype == np.uint16 and a.shape == (2, 4, 6) and a.chunks == (1, 2, 3)
            assert (a[:] == expected).all()
            # funlib's view: physical dims from types, world ROI = offset + voxel_size * spatial shape
            physical = [i for i, t in enumerate(attrs["types"]) if t in ("space", "time")]
            roi_end = [o + v * a.shape[d] for o, v, d in zip(attrs["offset"], attrs["voxel_size"], physical)]
            print(json.dumps({"attrs": attrs, "physical": physical, "roi_end": roi_end}, sort_keys=True))
            """;
        var output = ReferencePython.Run(script, path).Trim();
        Assert.Equal(
            """{"attrs": {"axis_names": ["c^", "y", "x"], "offset": [40, -16], "types": ["channel", "space", "space"], "units": ["nm", "nm"], "voxel_size": [4, 8]}, "physical": [1, 2], "roi_end": [56, 32]}""",
            output);
    }

    [Fact]
    public void ArraysWrittenByZarrPythonWithFunlibAttributesReadHere()
    {
        var path = _directory.Combine("py.zarr");
        const string script = """
            import sys, zarr, numpy as np
            a = zarr.open(sys.argv[1], mode="w", shape=(5, 6, 3), chunks=(2, 4, 3), dtype="<f4", compressor=None, fill_value=-1)
            a[:] = np.arange(90, dtype=np.float32).reshape(5, 6, 3) / 4
            a.attrs.update({"axis_names": ["z", "y", "c^"], "types": ["space", "space", "channel"],
                            "voxel_size": [10, 5, 1], "offset": [100, 50, 0], "units": ["nm", "nm", ""]})
            """;
        ReferencePython.Run(script, path);

        var array = VolumeArray.Open(path);
        Assert.Equal(new Coordinate(10, 5), array.VoxelSize);
        Assert.Equal(new Roi(new Coordinate(100, 50), new Coordinate(50, 30)), array.Roi);
        Assert.Equal(["nm", "nm"], array.Units);
        Assert.Equal(1, array.ChannelDims);
        var values = array.Read<float>(new Roi(new Coordinate(140, 70), new Coordinate(20, 10))).ToArray();
        // z voxels 4..5 (5 is beyond: fill -1), y voxels 4..5, all 3 channels
        float[] expected =
        [
            ((4 * 18) + 12) / 4f, ((4 * 18) + 13) / 4f, ((4 * 18) + 14) / 4f, ((4 * 18) + 15) / 4f, ((4 * 18) + 16) / 4f, ((4 * 18) + 17) / 4f,
            -1, -1, -1, -1, -1, -1,
        ];
        Assert.Equal(expected, values);
    }
}
