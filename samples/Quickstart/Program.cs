// Writes a small synthetic electron-microscopy-like volume: a raw uint8 array and its uint64 label
// array, both with funlib metadata (voxel size 40x4x4 nm), ready for `volara info` and `volara copy`.
using System.Text.Json.Nodes;
using Volara.Samples.Quickstart;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Codecs;
using Volara.Runtime.Storage.Zarr;

var container = args.Length > 0 ? args[0] : "quickstart.zarr";
long[] shape = [32, 128, 128];
int[] chunks = [16, 64, 64];

var volume = SyntheticVolume.Create(shape, cellCount: 40, seed: 1);

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
