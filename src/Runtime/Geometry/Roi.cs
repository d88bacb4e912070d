using System.Globalization;
using System.Text;

namespace Volara.Runtime.Geometry;

/// <summary>
/// A half-open axis-aligned box given by <see cref="Offset"/> and <see cref="Shape"/>, with the semantics of
/// funlib.geometry's Roi (including its <c>null</c> = unbounded rules and text forms).
/// </summary>
/// <remarks>
/// Unlike Python's Roi this is an immutable value type, and it is hashable (value equality and a matching
/// hash), so it can be used as a dictionary key. Wherever the shape of a dim is <c>null</c> the offset of that
/// dim is forced to <c>null</c> too, as funlib does after every construction.
/// Operators: <c>roi + x</c> / <c>roi - x</c> shift; <c>*</c> and <c>/</c> (truncating, like funlib's
/// <c>/</c>) apply to both offset and shape; <see cref="FloorDivide(Coordinate)"/> is Python's <c>//</c>.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(RoiJsonConverter))]
public readonly struct Roi : IEquatable<Roi>
{
    /// <summary>Creates a Roi; <paramref name="offset"/> and <paramref name="shape"/> must have equal dims.</summary>
    public Roi(Coordinate offset, Coordinate shape)
    {
        if (offset.Dims != shape.Dims)
        {
            throw new ArgumentException($"offset dimension {offset.Dims} != shape dimension {shape.Dims} (offset {offset}, shape {shape})");
        }

        Shape = shape;
        Offset = shape.HasUnbounded ? Consolidate(offset, shape) : offset;
    }

    /// <summary>The begin corner.</summary>
    public Coordinate Offset { get; }

    /// <summary>The extent per dim.</summary>
    public Coordinate Shape { get; }

    /// <summary>Same as <see cref="Offset"/>.</summary>
    public Coordinate Begin => Offset;

    /// <summary>Offset + shape (exclusive).</summary>
    public Coordinate End => Offset + Shape;

    /// <summary>Offset + shape / 2, truncating toward zero.</summary>
    public Coordinate Center => Offset + Shape / 2;

    public int Dims => Shape.Dims;

    /// <summary>The number of elements (checked), <c>null</c> when unbounded. Negative shapes give negative sizes.</summary>
    public long? Size => Shape.Product();

    /// <summary>True when some bounded shape entry is ≤ 0.</summary>
    public bool Empty
    {
        get
        {
            for (var i = 0; i < Shape.Dims; i++)
            {
                if (Shape[i] is <= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when some shape entry is <c>null</c>.</summary>
    public bool Unbounded => Shape.HasUnbounded;

    /// <summary>The Roi that is unbounded in all <paramref name="dims"/> dims.</summary>
    public static Roi AllUnbounded(int dims) => new(Coordinate.Filled(dims, null), Coordinate.Filled(dims, null));

    /// <summary>The empty Roi that a failed intersection returns: offset all <c>null</c>, shape all 0.</summary>
    public static Roi EmptyOf(int dims) => new(Coordinate.Filled(dims, null), Coordinate.Filled(dims, 0));

    /// <summary>Contains a point: begin ≤ p &lt; end per dim. Fewer dims than the Roi → false; extra dims are ignored.</summary>
    public bool Contains(Coordinate point)
    {
        if (point.Dims < Dims)
        {
            return false;
        }

        var end = End;
        for (var i = 0; i < Dims; i++)
        {
            var p = point[i];
            if (Offset[i] is { } begin && (p is null || p < begin))
            {
                return false;
            }

            if (end[i] is { } stop && (p is null || p >= stop))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Contains another Roi (funlib rules for empty and unbounded Rois).</summary>
    public bool Contains(Roi other)
    {
        if (other.Empty)
        {
            return Empty || Contains(other.Begin);
        }

        return Contains(other.Begin) && Contains(other.End - 1);
    }

    /// <summary>True when the boxes overlap; touching boxes and empty Rois do not intersect.</summary>
    public bool Intersects(Roi other)
    {
        CheckSameDims(other);
        if (Empty || other.Empty)
        {
            return false;
        }

        var end = End;
        var otherEnd = other.End;
        for (var i = 0; i < Dims; i++)
        {
            if (Offset[i] is { } b1 && other.Offset[i] is { } b2 && end[i] is { } e1 && otherEnd[i] is { } e2 && (b1 >= e2 || b2 >= e1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The overlap; <see cref="EmptyOf"/> when the Rois do not intersect.</summary>
    public Roi Intersect(Roi other)
    {
        if (!Intersects(other))
        {
            return EmptyOf(Dims);
        }

        // Per dim: begin = max of begins (null = -inf), end = min of ends (null = +inf); no allocation.
        Span<long> begin = stackalloc long[Dims];
        Span<long> end = stackalloc long[Dims];
        var beginNulls = 0;
        var endNulls = 0;
        var end1 = End;
        var end2 = other.End;
        for (var i = 0; i < Dims; i++)
        {
            if (MaxWithNullAsMinusInfinity(Offset[i], other.Offset[i]) is { } b)
            {
                begin[i] = b;
            }
            else
            {
                beginNulls |= 1 << i;
            }

            if (MinWithNullAsInfinity(end1[i], end2[i]) is { } e)
            {
                end[i] = e;
            }
            else
            {
                endNulls |= 1 << i;
            }
        }

        var beginCoordinate = Coordinate.FromParts(begin, beginNulls);
        return new Roi(beginCoordinate, Coordinate.FromParts(end, endNulls) - beginCoordinate);
    }

    /// <summary>The bounding box of both (not a set union); an empty side yields the other.</summary>
    public Roi Union(Roi other)
    {
        if (Empty)
        {
            return other;
        }

        if (other.Empty)
        {
            return this;
        }

        CheckSameDims(other);
        var begin = Coordinate.Min(Offset, other.Offset);
        var end = Coordinate.Max(End, other.End);
        return new Roi(begin, end - begin);
    }

    /// <summary>Moves the offset by <paramref name="by"/>.</summary>
    public Roi Shift(Coordinate by) => new(Offset + by, Shape);

    /// <summary>Moves the offset by <paramref name="by"/> in every dim.</summary>
    public Roi Shift(long by) => new(Offset + by, Shape);

    /// <summary>Grows by <paramref name="amountNegative"/> before and <paramref name="amountPositive"/> after (negative shrinks; <c>null</c> unbounds).</summary>
    public Roi Grow(Coordinate amountNegative, Coordinate amountPositive) =>
        new(Offset - amountNegative, Shape + amountNegative + amountPositive);

    /// <summary>Grows every dim by the given amounts.</summary>
    public Roi Grow(long amountNegative = 0, long amountPositive = 0) =>
        new(Offset - amountNegative, Shape + amountNegative + amountPositive);

    /// <summary>Moves begin and end onto multiples of <paramref name="voxelSize"/>.</summary>
    public Roi SnapToGrid(Coordinate voxelSize, SnapMode mode = SnapMode.Grow)
    {
        if (voxelSize.Dims != Dims)
        {
            throw new ArgumentException($"voxel size {voxelSize} has {voxelSize.Dims} dims but the ROI {this} has {Dims}", nameof(voxelSize));
        }

        for (var i = 0; i < voxelSize.Dims; i++)
        {
            if (voxelSize[i] is 0)
            {
                throw new ArgumentException($"Voxel size cannot contain zero: {voxelSize}", nameof(voxelSize));
            }
        }

        var (begin, end) = mode switch
        {
            SnapMode.Grow => (Begin.FloorDivide(voxelSize), End.CeilDivision(voxelSize)),
            SnapMode.Shrink => (Begin.CeilDivision(voxelSize), End.FloorDivide(voxelSize)),
            SnapMode.Closest => (Begin.RoundDivision(voxelSize), End.RoundDivision(voxelSize)),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), $"Unknown mode {mode}"),
        };
        return new Roi(begin * voxelSize, (end - begin) * voxelSize);
    }

    /// <summary>This Roi without dim <paramref name="dim"/>.</summary>
    public Roi Squeeze(int dim = 0) => new(Offset.Squeeze(dim), Shape.Squeeze(dim));

    /// <summary>Floor-divides offset and shape (Python's <c>roi // x</c>).</summary>
    public Roi FloorDivide(Coordinate by) => new(Offset.FloorDivide(by), Shape.FloorDivide(by));

    /// <summary>Floor-divides offset and shape by a scalar.</summary>
    public Roi FloorDivide(long by) => new(Offset.FloorDivide(by), Shape.FloorDivide(by));

    public static Roi operator +(Roi roi, Coordinate by) => roi.Shift(by);

    public static Roi operator +(Roi roi, long by) => roi.Shift(by);

    public static Roi operator -(Roi roi, Coordinate by) => roi.Shift(-by);

    public static Roi operator -(Roi roi, long by) => new(roi.Offset - by, roi.Shape);

    public static Roi operator *(Roi roi, Coordinate by) => new(roi.Offset * by, roi.Shape * by);

    public static Roi operator *(Roi roi, long by) => new(roi.Offset * by, roi.Shape * by);

    /// <summary>Divides offset and shape truncating toward zero (funlib's <c>/</c>).</summary>
    public static Roi operator /(Roi roi, Coordinate by) => new(roi.Offset / by, roi.Shape / by);

    /// <summary>Divides offset and shape by a scalar, truncating toward zero.</summary>
    public static Roi operator /(Roi roi, long by) => new(roi.Offset / by, roi.Shape / by);

    public static bool operator ==(Roi a, Roi b) => a.Equals(b);

    public static bool operator !=(Roi a, Roi b) => !a.Equals(b);

    public bool Equals(Roi other) => Offset == other.Offset && Shape == other.Shape;

    public override bool Equals(object? obj) => obj is Roi other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Offset, Shape);

    /// <summary>funlib's str form: <c>[0:10, 0:20] (10, 20)</c>, <c>[0:10, :] (10, inf)</c>, <c>[empty ROI]</c>.</summary>
    public override string ToString()
    {
        if (Empty)
        {
            return "[empty ROI]";
        }

        var end = End;
        var text = new StringBuilder("[");
        for (var i = 0; i < Dims; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(Format(Offset[i])).Append(':').Append(Format(end[i]));
        }

        text.Append("] (");
        for (var i = 0; i < Dims; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(Shape[i] is { } extent ? extent.ToString(CultureInfo.InvariantCulture) : "inf");
        }

        return text.Append(')').ToString();
    }

    /// <summary>funlib's repr form: <c>Roi((0, 0), (10, 20))</c>.</summary>
    public string ToRepr() => $"Roi({Offset}, {Shape})";

    private static string Format(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static long? MaxWithNullAsMinusInfinity(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static long? MinWithNullAsInfinity(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static Coordinate Consolidate(Coordinate offset, Coordinate shape)
    {
        Span<long> values = stackalloc long[offset.Dims];
        offset.CopyRawTo(values);
        return Coordinate.FromParts(values, offset.NullMask | shape.NullMask);
    }

    private void CheckSameDims(Roi other)
    {
        if (other.Dims != Dims)
        {
            throw new ArgumentException($"ROIs {this} and {other} have different dims ({Dims} != {other.Dims})");
        }
    }
}
