// Writes a small synthetic electron-microscopy-like volume: a raw uint8 array and its uint64 label
// array, both with funlib metadata (voxel size 40x4x4 nm), ready for `volara info` and `volara copy`.
// `segment DIRECTORY [--postgres CONNECTION-STRING]` runs volara's segmentation pipeline instead
// (see SegmentationDemo); the program is also its own worker process.
using System.Text.Json.Nodes;
using Volara.Samples.Quickstart;
using Volara.Runtime.Datasets;
using Volara.Runtime.Datasets.Ops;
using Volara.Runtime.Geometry;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;
using Volara.Workers;

if (WorkerEntry.TryRun(args, out var exitCode))
{
    return exitCode;
}

if (args.Length > 0 && args[0] == "segment")
{
    return SegmentationDemo.Run(args[1..]);
}

var container = args.Length > 0 ? args[0] : "quickstart.zarr";
long[] shape = [32, 128, 128];
int[] chunks = [16, 64, 64];

var volume = SyntheticVolume.Create(shape, spacing: [8, 32, 32], seed: 1);

var metadata = new JsonObject
{
    ["voxel_size"] = new JsonArray(40, 4, 4),
    ["offset"] = new JsonArray(0, 0, 0),
    ["axis_names"] = new JsonArray("z", "y", "x"),
    ["units"] = new JsonArray("nm", "nm", "nm"),
    ["types"] = new JsonArray("space", "space", "space"),
};

var blosc = CodecRegistry.FromV2Config(new JsonObject
{
    ["id"] = "blosc", ["cname"] = "lz4", ["clevel"] = 5, ["shuffle"] = 1, ["blocksize"] = 0,
});

var raw = ZarrArray.Create(Path.Combine(container, "raw"), new ZarrArrayOptions
{
    Shape = shape, ChunkShape = chunks, DataType = DataType.UInt8, Codecs = [blosc], Attributes = metadata,
}, overwrite: true);
raw.Write<byte>([0, 0, 0], shape, volume.Raw);

var labels = ZarrArray.Create(Path.Combine(container, "labels"), new ZarrArrayOptions
{
    Shape = shape, ChunkShape = chunks, DataType = DataType.UInt64, Codecs = [blosc], Attributes = metadata.DeepClone().AsObject(),
}, overwrite: true);
labels.Write<ulong>([0, 0, 0], shape, volume.Labels);

Console.WriteLine($"wrote {raw.Path} and {labels.Path}: {string.Join('x', shape)} voxels, {volume.CellCount} cells");

// Read back in world units: a 40x40x40 nm cube that reaches 80 nm past the volume's low corner in y and x.
// Voxels outside the array come back as the fill value; a lazy scale-shift maps intensities to [0, 1].
var array = VolumeArray.Open(raw.Path, ops: [new ScaleShift(1 / 255.0, 0)]);
var cube = new Roi(new Coordinate(400L, -80, -80), new Coordinate(40L, 160, 160));
var values = new float[array.ElementCount(cube)];
array.Read<float>(cube, values);
Console.WriteLine($"{array}: read {cube} as {string.Join('x', array.ShapeOf(cube))} float32 voxels, " +
    $"mean {System.Numerics.Tensors.TensorPrimitives.Average<float>(values):F3}, " +
    $"{values.Count(v => v == 0)} of them outside the volume");
return 0;
