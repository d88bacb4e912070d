using System.Text.Json.Nodes;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Runtime.Datasets;

/// <summary>An <see cref="IVolumeStore"/> over a Zarr (v2 or v3) array on disk.</summary>
public sealed class ZarrVolumeStore(ZarrArray array) : IVolumeStore
{
    public ZarrArray Array { get; } = array;

    public string Path => Array.Path;

    public IReadOnlyList<long> Shape => Array.Shape;

    public IReadOnlyList<int> ChunkShape => Array.ChunkShape;

    public DataType DataType => Array.DataType;

    public ReadOnlyMemory<byte> FillValue => Array.FillValue;

    public bool IsWritable => Array.IsWritable;

    public JsonObject Attributes => Array.Attributes;

    public void SetAttributes(JsonObject attributes) => Array.SetAttributes(attributes);

    public void Read(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<byte> destination) => Array.Read(start, shape, destination);

    public void Write(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, ReadOnlySpan<byte> source) => Array.Write(start, shape, source);
}
