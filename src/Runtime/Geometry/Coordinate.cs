using System.Globalization;
using System.Text;

namespace Volara.Runtime.Geometry;

/// <summary>
/// An immutable integer tuple of up to <see cref="MaxDims"/> elements, each either a number or
/// <c>null</c> ("unbounded / unknown" in that dimension), with the element-wise maths of
/// funlib.geometry's Coordinate. Stored inline: a coordinate never allocates.
/// </summary>
/// <remarks>
/// Operator mapping to Python (C# has no <c>//</c> and its <c>%</c> truncates, so the names differ):
/// <list type="bullet">
/// <item><c>+ - *</c> and unary <c>-</c>: as Python.</item>
/// <item><c>/</c>: Python's <c>/</c> followed by funlib's int conversion, i.e. division truncating toward zero.</item>
/// <item><c>%</c>: Python's <c>%</c>, the floor modulo (result has the sign of the divisor), NOT C#'s remainder.</item>
/// <item><see cref="FloorDivide(Coordinate)"/>: Python's <c>//</c>.</item>
/// <item><see cref="Pow(Coordinate)"/>: Python's <c>**</c> truncated to an integer.</item>
/// </list>
/// In every operation a <c>null</c> element on either side gives a <c>null</c> result element.
/// Binary operations between coordinates of different dims throw <see cref="ArgumentException"/>.
/// Arithmetic is checked: overflow throws rather than wrapping.
/// Ordering is lexicographic like Python tuples; a <c>null</c> element sorts before any number
/// (Python cannot order them at all) and a shorter prefix sorts first.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(CoordinateJsonConverter))]
public readonly struct Coordinate : IEquatable<Coordinate>, IComparable<Coordinate>
{
    /// <summary>The largest number of dimensions a coordinate can have.</summary>
    public const int MaxDims = 8;

    private readonly CoordinateValues _values;
    private readonly byte _nullMask;
    private readonly byte _dims;

    /// <summary>Creates a coordinate from the given elements (<c>null</c> = unbounded).</summary>
    public Coordinate(params ReadOnlySpan<long?> elements)
    {
        CheckDims(elements.Length);
        _dims = (byte)elements.Length;
        for (var i = 0; i < elements.Length; i++)
        {
            if (elements[i] is { } value)
            {
                _values[i] = value;
            }
            else
            {
                _nullMask |= (byte)(1 << i);
            }
        }
    }

    /// <summary>Creates a fully bounded coordinate from the given elements.</summary>
    public Coordinate(params ReadOnlySpan<long> elements)
    {
        CheckDims(elements.Length);
        _dims = (byte)elements.Length;
        for (var i = 0; i < elements.Length; i++)
        {
            _values[i] = elements[i];
        }
    }

    /// <summary>Creates a fully bounded coordinate from int elements.</summary>
    public Coordinate(params ReadOnlySpan<int> elements)
    {
        CheckDims(elements.Length);
        _dims = (byte)elements.Length;
        for (var i = 0; i < elements.Length; i++)
        {
            _values[i] = elements[i];
        }
    }

    /// <summary>Creates a coordinate from any sequence of elements.</summary>
    public Coordinate(IEnumerable<long?> elements)
        : this(elements.ToArray().AsSpan())
    {
    }

    /// <summary>Creates a fully bounded coordinate from any sequence of elements.</summary>
    public Coordinate(IEnumerable<long> elements)
        : this(elements.ToArray().AsSpan())
    {
    }

    private Coordinate(int dims, byte nullMask, in CoordinateValues values)
    {
        _dims = (byte)dims;
        _nullMask = nullMask;
        _values = values;
    }

    /// <summary>Builds a coordinate from raw values and a null mask (bit i set = element i is null) without allocating.</summary>
    internal static Coordinate FromParts(ReadOnlySpan<long> values, int nullMask)
    {
        CheckDims(values.Length);
        var storage = default(CoordinateValues);
        for (var i = 0; i < values.Length; i++)
        {
            if ((nullMask & (1 << i)) == 0)
            {
                storage[i] = values[i];
            }
        }

        return new Coordinate(values.Length, (byte)nullMask, storage);
    }

    /// <summary>Copies the stored values, with 0 for null elements.</summary>
    internal void CopyRawTo(Span<long> destination)
    {
        for (var i = 0; i < _dims; i++)
        {
            destination[i] = _values[i];
        }
    }

    /// <summary>The null mask: bit i is set when element i is null.</summary>
    internal int NullMask => _nullMask;

    /// <summary>The 0-D coordinate <c>()</c>.</summary>
    public static Coordinate Empty => default;

    /// <summary>A coordinate of <paramref name="dims"/> copies of <paramref name="value"/>.</summary>
    public static Coordinate Filled(int dims, long? value)
    {
        CheckDims(dims);
        var values = default(CoordinateValues);
        byte mask = 0;
        for (var i = 0; i < dims; i++)
        {
            if (value is { } v)
            {
                values[i] = v;
            }
            else
            {
                mask |= (byte)(1 << i);
            }
        }

        return new Coordinate(dims, mask, values);
    }

    /// <summary>Converts floating-point values with truncation toward zero, as funlib's constructor does.</summary>
    public static Coordinate Truncate(params ReadOnlySpan<double> elements)
    {
        CheckDims(elements.Length);
        var values = default(CoordinateValues);
        for (var i = 0; i < elements.Length; i++)
        {
            if (!double.IsFinite(elements[i]))
            {
                throw new ArgumentException($"coordinate element {i} is not a finite number: {elements[i]}", nameof(elements));
            }

            values[i] = checked((long)Math.Truncate(elements[i]));
        }

        return new Coordinate(elements.Length, 0, values);
    }

    /// <summary>Number of elements.</summary>
    public int Dims => _dims;

    /// <summary>True when some element is <c>null</c>.</summary>
    public bool HasUnbounded => _nullMask != 0;

    /// <summary>The element at <paramref name="index"/>; <c>null</c> when unbounded.</summary>
    public long? this[int index]
    {
        get
        {
            CheckIndex(index);
            return IsNull(index) ? null : _values[index];
        }
    }

    /// <summary>True when the element at <paramref name="index"/> is <c>null</c>.</summary>
    public bool IsNull(int index)
    {
        CheckIndex(index);
        return (_nullMask & (1 << index)) != 0;
    }

    /// <summary>The element at <paramref name="index"/>, which must be bounded.</summary>
    public long ValueAt(int index) =>
        IsNull(index) ? throw new InvalidOperationException($"element {index} of {this} is unbounded (None)") : _values[index];

    /// <summary>Copies the elements into <paramref name="destination"/> (for hot loops); throws if any is unbounded.</summary>
    public void CopyTo(Span<long> destination)
    {
        RequireBounded();
        if (destination.Length < _dims)
        {
            throw new ArgumentException($"destination of length {destination.Length} cannot hold the {_dims}-D coordinate {this}", nameof(destination));
        }

        for (var i = 0; i < _dims; i++)
        {
            destination[i] = _values[i];
        }
    }

    /// <summary>The elements as a new array.</summary>
    public long?[] ToArray()
    {
        var result = new long?[_dims];
        for (var i = 0; i < _dims; i++)
        {
            result[i] = this[i];
        }

        return result;
    }

    /// <summary>The elements as a new array; throws if any is unbounded.</summary>
    public long[] ToLongArray()
    {
        var result = new long[_dims];
        CopyTo(result);
        return result;
    }

    /// <summary>The product of all elements (checked); <c>null</c> when some element is unbounded. The product of 0 dims is 1.</summary>
    public long? Product()
    {
        if (HasUnbounded)
        {
            return null;
        }

        long product = 1;
        for (var i = 0; i < _dims; i++)
        {
            product = checked(product * _values[i]);
        }

        return product;
    }

    /// <summary>This coordinate without the element at <paramref name="dim"/>.</summary>
    public Coordinate Squeeze(int dim = 0)
    {
        CheckIndex(dim);
        var values = default(CoordinateValues);
        byte mask = 0;
        var target = 0;
        for (var i = 0; i < _dims; i++)
        {
            if (i == dim)
            {
                continue;
            }

            values[target] = _values[i];
            if (IsNull(i))
            {
                mask |= (byte)(1 << target);
            }

            target++;
        }

        return new Coordinate(_dims - 1, mask, values);
    }

    /// <summary>This coordinate with <paramref name="value"/> inserted before <paramref name="dim"/>.</summary>
    public Coordinate Insert(int dim, long? value)
    {
        if (dim < 0 || dim > _dims)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), $"cannot insert at {dim} into the {_dims}-D coordinate {this}");
        }

        var elements = new long?[_dims + 1];
        for (int i = 0, source = 0; i < elements.Length; i++)
        {
            elements[i] = i == dim ? value : this[source++];
        }

        return new Coordinate(elements.AsSpan());
    }

    /// <summary>True iff every element (over the shorter of the two) is a multiple of <paramref name="other"/>'s (floor modulo is 0).</summary>
    public bool IsMultipleOf(Coordinate other)
    {
        var dims = Math.Min(_dims, other._dims);
        for (var i = 0; i < dims; i++)
        {
            if (IsNull(i) || other.IsNull(i))
            {
                // Python's None % x raises; a null cannot be a multiple of anything.
                return false;
            }

            if (FloorMod(_values[i], other._values[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Element-wise floor division (Python's <c>//</c>).</summary>
    public Coordinate FloorDivide(Coordinate other) => Combine(this, other, Operation.FloorDivide);

    /// <summary>Floor division by a scalar (Python's <c>// n</c>).</summary>
    public Coordinate FloorDivide(long other) => Combine(this, other, Operation.FloorDivide);

    /// <summary>Element-wise division rounding up: <c>(self + other - 1) // other</c>.</summary>
    public Coordinate CeilDivision(Coordinate other) => Combine(this, other, Operation.CeilDivide);

    /// <summary>Division by a scalar rounding up.</summary>
    public Coordinate CeilDivision(long other) => Combine(this, other, Operation.CeilDivide);

    /// <summary>Element-wise division rounding to nearest, ties toward negative infinity: <c>(self + (other - 1) // 2) // other</c>.</summary>
    public Coordinate RoundDivision(Coordinate other) => Combine(this, other, Operation.RoundDivide);

    /// <summary>Division by a scalar rounding to nearest, ties toward negative infinity.</summary>
    public Coordinate RoundDivision(long other) => Combine(this, other, Operation.RoundDivide);

    /// <summary>Element-wise power truncated to an integer (Python's <c>**</c> then int()).</summary>
    public Coordinate Pow(Coordinate exponent) => Combine(this, exponent, Operation.Power);

    /// <summary>Power by a scalar exponent, truncated to an integer.</summary>
    public Coordinate Pow(long exponent) => Combine(this, exponent, Operation.Power);

    /// <summary>Element-wise absolute value; <c>null</c> stays <c>null</c>.</summary>
    public Coordinate Abs()
    {
        var values = _values;
        for (var i = 0; i < _dims; i++)
        {
            values[i] = checked(Math.Abs(values[i]));
        }

        return new Coordinate(_dims, _nullMask, values);
    }

    /// <summary>Element-wise maximum (a <c>null</c> on either side gives <c>null</c>).</summary>
    public static Coordinate Max(Coordinate a, Coordinate b) => Combine(a, b, Operation.Max);

    /// <summary>Element-wise minimum (a <c>null</c> on either side gives <c>null</c>).</summary>
    public static Coordinate Min(Coordinate a, Coordinate b) => Combine(a, b, Operation.Min);

    /// <summary>Python <c>a + b</c>.</summary>
    public static Coordinate operator +(Coordinate a, Coordinate b) => Combine(a, b, Operation.Add);

    /// <summary>Python <c>a - b</c>.</summary>
    public static Coordinate operator -(Coordinate a, Coordinate b) => Combine(a, b, Operation.Subtract);

    /// <summary>Python <c>a * b</c>.</summary>
    public static Coordinate operator *(Coordinate a, Coordinate b) => Combine(a, b, Operation.Multiply);

    /// <summary>Python <c>a / b</c> re-truncated by funlib: division truncating toward zero.</summary>
    public static Coordinate operator /(Coordinate a, Coordinate b) => Combine(a, b, Operation.TruncateDivide);

    /// <summary>Python <c>a % b</c>: floor modulo (sign of the divisor).</summary>
    public static Coordinate operator %(Coordinate a, Coordinate b) => Combine(a, b, Operation.FloorModulo);

    /// <summary>Python <c>a + n</c> (applied to every bounded element).</summary>
    public static Coordinate operator +(Coordinate a, long b) => Combine(a, b, Operation.Add);

    /// <summary>Python <c>a - n</c>.</summary>
    public static Coordinate operator -(Coordinate a, long b) => Combine(a, b, Operation.Subtract);

    /// <summary>Python <c>a * n</c>.</summary>
    public static Coordinate operator *(Coordinate a, long b) => Combine(a, b, Operation.Multiply);

    /// <summary>Python <c>a / n</c> re-truncated: division truncating toward zero.</summary>
    public static Coordinate operator /(Coordinate a, long b) => Combine(a, b, Operation.TruncateDivide);

    /// <summary>Python <c>a % n</c>: floor modulo.</summary>
    public static Coordinate operator %(Coordinate a, long b) => Combine(a, b, Operation.FloorModulo);

    /// <summary>Python <c>-a</c>.</summary>
    public static Coordinate operator -(Coordinate a)
    {
        var values = a._values;
        for (var i = 0; i < a._dims; i++)
        {
            values[i] = checked(-values[i]);
        }

        return new Coordinate(a._dims, a._nullMask, values);
    }

    public static bool operator ==(Coordinate a, Coordinate b) => a.Equals(b);

    public static bool operator !=(Coordinate a, Coordinate b) => !a.Equals(b);

    public static bool operator <(Coordinate a, Coordinate b) => a.CompareTo(b) < 0;

    public static bool operator >(Coordinate a, Coordinate b) => a.CompareTo(b) > 0;

    public static bool operator <=(Coordinate a, Coordinate b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Coordinate a, Coordinate b) => a.CompareTo(b) >= 0;

    public bool Equals(Coordinate other)
    {
        if (_dims != other._dims || _nullMask != other._nullMask)
        {
            return false;
        }

        for (var i = 0; i < _dims; i++)
        {
            if (!IsNull(i) && _values[i] != other._values[i])
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is Coordinate other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_dims);
        hash.Add(_nullMask);
        for (var i = 0; i < _dims; i++)
        {
            hash.Add(IsNull(i) ? 0 : _values[i]);
        }

        return hash.ToHashCode();
    }

    public int CompareTo(Coordinate other)
    {
        var dims = Math.Min(_dims, other._dims);
        for (var i = 0; i < dims; i++)
        {
            var leftNull = IsNull(i);
            var rightNull = other.IsNull(i);
            if (leftNull || rightNull)
            {
                if (leftNull != rightNull)
                {
                    return leftNull ? -1 : 1;
                }

                continue;
            }

            var order = _values[i].CompareTo(other._values[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return _dims.CompareTo(other._dims);
    }

    /// <summary>Python's tuple text: <c>(1, 2, None)</c>, 1-D <c>(5,)</c>, 0-D <c>()</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("(");
        for (var i = 0; i < _dims; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(IsNull(i) ? "None" : _values[i].ToString(CultureInfo.InvariantCulture));
        }

        if (_dims == 1)
        {
            text.Append(',');
        }

        return text.Append(')').ToString();
    }

    internal static long FloorDiv(long a, long b)
    {
        var quotient = checked(a / b);
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
    }

    internal static long FloorMod(long a, long b)
    {
        var remainder = a % b;
        return remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder;
    }

    internal static long CeilDiv(long a, long b) => FloorDiv(checked(a + b - 1), b);

    internal static long RoundDiv(long a, long b) => FloorDiv(checked(a + FloorDiv(b - 1, 2)), b);

    private static long Power(long value, long exponent)
    {
        if (exponent < 0)
        {
            return value switch
            {
                0 => throw new DivideByZeroException("0 cannot be raised to a negative power"),
                1 => 1,
                -1 => (exponent & 1) == 0 ? 1 : -1,
                _ => 0, // |value| >= 2: the fraction truncates to 0
            };
        }

        switch (value)
        {
            case 0 or 1:
                return exponent == 0 ? 1 : value;
            case -1:
                return (exponent & 1) == 0 ? 1 : -1;
        }

        // |value| >= 2 overflows within 64 steps, so this loop is short.
        long result = 1;
        for (var i = 0L; i < exponent; i++)
        {
            result = checked(result * value);
        }

        return result;
    }

    private static long Apply(Operation operation, long a, long b) => operation switch
    {
        Operation.Add => checked(a + b),
        Operation.Subtract => checked(a - b),
        Operation.Multiply => checked(a * b),
        Operation.TruncateDivide => checked(a / b),
        Operation.FloorDivide => FloorDiv(a, b),
        Operation.FloorModulo => FloorMod(a, b),
        Operation.CeilDivide => CeilDiv(a, b),
        Operation.RoundDivide => RoundDiv(a, b),
        Operation.Power => Power(a, b),
        Operation.Max => Math.Max(a, b),
        Operation.Min => Math.Min(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private static Coordinate Combine(Coordinate a, Coordinate b, Operation operation)
    {
        if (a._dims != b._dims)
        {
            throw new ArgumentException($"coordinates {a} and {b} have different dims ({a._dims} != {b._dims})");
        }

        var values = default(CoordinateValues);
        var mask = (byte)(a._nullMask | b._nullMask);
        for (var i = 0; i < a._dims; i++)
        {
            if ((mask & (1 << i)) == 0)
            {
                values[i] = Apply(operation, a._values[i], b._values[i]);
            }
        }

        return new Coordinate(a._dims, mask, values);
    }

    private static Coordinate Combine(Coordinate a, long b, Operation operation)
    {
        var values = default(CoordinateValues);
        for (var i = 0; i < a._dims; i++)
        {
            if ((a._nullMask & (1 << i)) == 0)
            {
                values[i] = Apply(operation, a._values[i], b);
            }
        }

        return new Coordinate(a._dims, a._nullMask, values);
    }

    private void RequireBounded()
    {
        if (HasUnbounded)
        {
            throw new InvalidOperationException($"coordinate {this} has unbounded (None) elements");
        }
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= _dims)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is out of range for the {_dims}-D coordinate {this}");
        }
    }

    private static void CheckDims(int dims)
    {
        if (dims > MaxDims)
        {
            throw new ArgumentException($"a coordinate has at most {MaxDims} dims, got {dims}");
        }
    }

    private enum Operation
    {
        Add,
        Subtract,
        Multiply,
        TruncateDivide,
        FloorDivide,
        FloorModulo,
        CeilDivide,
        RoundDivide,
        Power,
        Max,
        Min,
    }
}
