using System.Numerics.Tensors;
using Volara.Runtime.Geometry;

namespace Volara.Runtime.Datasets;

/// <summary>A typed view of a <see cref="VolumeArray"/> whose element type is <typeparamref name="T"/>.</summary>
public sealed class VolumeArray<T>
    where T : unmanaged
{
    internal VolumeArray(VolumeArray array)
    {
        Untyped = array;
    }

    public VolumeArray Untyped { get; }

    public Roi Roi => Untyped.Roi;

    public Coordinate VoxelSize => Untyped.VoxelSize;

    public IReadOnlyList<long> Shape => Untyped.Shape;

    public long[] ShapeOf(Roi roi) => Untyped.ShapeOf(roi);

    public Tensor<T> Read(Roi roi) => Untyped.Read<T>(roi);

    public void Read(Roi roi, Span<T> destination) => Untyped.Read(roi, destination);

    public void Read(Roi roi, in TensorSpan<T> destination) => Untyped.Read(roi, destination);

    public Tensor<T> ReadAll() => Untyped.ReadAll<T>();

    public void Write(Roi roi, ReadOnlySpan<T> source) => Untyped.Write(roi, source);

    public void Write(Roi roi, ReadOnlyTensorSpan<T> source) => Untyped.Write(roi, source);

    public override string ToString() => Untyped.ToString();
}
