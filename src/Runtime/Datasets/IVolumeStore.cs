using System.Text.Json.Nodes;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets;

/// <summary>
/// The voxel storage under a <see cref="VolumeArray"/>: an N-d array in voxel indices with persistent attributes.
/// Implemented over Zarr arrays and over plain memory.
/// </summary>
public interface IVolumeStore
{
    /// <summary>Where the data lives (used in error messages).</summary>
    string Path { get; }

    IReadOnlyList<long> Shape { get; }

    /// <summary>The storage chunk shape (the whole shape for unchunked storage).</summary>
    IReadOnlyList<int> ChunkShape { get; }

    DataType DataType { get; }

    /// <summary>One element, machine-endian, used for regions that were never written.</summary>
    ReadOnlyMemory<byte> FillValue { get; }

    bool IsWritable { get; }

    /// <summary>A snapshot of the attributes.</summary>
    JsonObject Attributes { get; }

    /// <summary>Replaces all attributes.</summary>
    void SetAttributes(JsonObject attributes);

    /// <summary>Reads a region (inside the shape) in C order, machine-endian.</summary>
    void Read(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<byte> destination);

    /// <summary>Writes a region (inside the shape) in C order, machine-endian.</summary>
    void Write(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, ReadOnlySpan<byte> source);
}
