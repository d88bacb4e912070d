using System.Buffers.Binary;

namespace Volara.Runtime.Storage;

/// <summary>
/// An element type together with the byte order it is stored in. In memory, data is always in the
/// machine's (little-endian) order; <see cref="BigEndian"/> only describes the stored bytes.
/// </summary>
public readonly record struct DataType(ScalarKind Kind, bool BigEndian = false)
{
    public static readonly DataType Bool = new(ScalarKind.Bool);
    public static readonly DataType Int8 = new(ScalarKind.Int8);
    public static readonly DataType Int16 = new(ScalarKind.Int16);
    public static readonly DataType Int32 = new(ScalarKind.Int32);
    public static readonly DataType Int64 = new(ScalarKind.Int64);
    public static readonly DataType UInt8 = new(ScalarKind.UInt8);
    public static readonly DataType UInt16 = new(ScalarKind.UInt16);
    public static readonly DataType UInt32 = new(ScalarKind.UInt32);
    public static readonly DataType UInt64 = new(ScalarKind.UInt64);
    public static readonly DataType Float16 = new(ScalarKind.Float16);
    public static readonly DataType Float32 = new(ScalarKind.Float32);
    public static readonly DataType Float64 = new(ScalarKind.Float64);

    /// <summary>Bytes per element.</summary>
    public int Size => Kind switch
    {
        ScalarKind.Bool or ScalarKind.Int8 or ScalarKind.UInt8 => 1,
        ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.Float16 => 2,
        ScalarKind.Int32 or ScalarKind.UInt32 or ScalarKind.Float32 => 4,
        _ => 8,
    };

    public bool IsFloatingPoint => Kind is ScalarKind.Float16 or ScalarKind.Float32 or ScalarKind.Float64;

    public bool IsSignedInteger => Kind is ScalarKind.Int8 or ScalarKind.Int16 or ScalarKind.Int32 or ScalarKind.Int64;

    public bool IsUnsignedInteger => Kind is ScalarKind.UInt8 or ScalarKind.UInt16 or ScalarKind.UInt32 or ScalarKind.UInt64;

    /// <summary>True when the stored bytes must be swapped to reach machine order.</summary>
    public bool NeedsByteSwap => Size > 1 && BigEndian == BitConverter.IsLittleEndian;

    /// <summary>The numpy name used in user-facing text: uint8, float32, bool, ...</summary>
    public string NumpyName => Kind switch
    {
        ScalarKind.Bool => "bool",
        ScalarKind.Int8 => "int8",
        ScalarKind.Int16 => "int16",
        ScalarKind.Int32 => "int32",
        ScalarKind.Int64 => "int64",
        ScalarKind.UInt8 => "uint8",
        ScalarKind.UInt16 => "uint16",
        ScalarKind.UInt32 => "uint32",
        ScalarKind.UInt64 => "uint64",
        ScalarKind.Float16 => "float16",
        ScalarKind.Float32 => "float32",
        _ => "float64",
    };

    /// <summary>The Zarr v3 <c>data_type</c> name (same as the numpy name).</summary>
    public string ZarrV3Name => NumpyName;

    /// <summary>The numpy type string used by Zarr v2 (<c>&lt;u8</c>, <c>|u1</c>, <c>&gt;f4</c>, <c>|b1</c>).</summary>
    public string TypeString
    {
        get
        {
            char kind = Kind switch
            {
                ScalarKind.Bool => 'b',
                ScalarKind.Int8 or ScalarKind.Int16 or ScalarKind.Int32 or ScalarKind.Int64 => 'i',
                ScalarKind.UInt8 or ScalarKind.UInt16 or ScalarKind.UInt32 or ScalarKind.UInt64 => 'u',
                _ => 'f',
            };
            char order = Size == 1 ? '|' : BigEndian ? '>' : '<';
            return $"{order}{kind}{Size}";
        }
    }

    /// <summary>Parses a numpy type string such as <c>&lt;u8</c>; null when it is not a supported numeric type.</summary>
    public static DataType? TryParseTypeString(string text)
    {
        if (text.Length < 3)
        {
            return null;
        }

        bool big = text[0] switch
        {
            '<' or '|' or '=' => false,
            '>' => true,
            _ => !BitConverter.IsLittleEndian,
        };
        if (text[0] is not ('<' or '>' or '|' or '='))
        {
            return null;
        }

        ScalarKind? kind = text.AsSpan(1) switch
        {
            "b1" => ScalarKind.Bool,
            "i1" => ScalarKind.Int8,
            "i2" => ScalarKind.Int16,
            "i4" => ScalarKind.Int32,
            "i8" => ScalarKind.Int64,
            "u1" => ScalarKind.UInt8,
            "u2" => ScalarKind.UInt16,
            "u4" => ScalarKind.UInt32,
            "u8" => ScalarKind.UInt64,
            "f2" => ScalarKind.Float16,
            "f4" => ScalarKind.Float32,
            "f8" => ScalarKind.Float64,
            _ => null,
        };
        return kind is { } k ? new DataType(k, big && new DataType(k).Size > 1) : null;
    }

    /// <summary>Parses a numpy or Zarr v3 name (<c>uint8</c>, <c>float32</c>, <c>bool</c>); null when unknown.</summary>
    public static DataType? TryParseName(string name) => name switch
    {
        "bool" => Bool,
        "int8" => Int8,
        "int16" => Int16,
        "int32" => Int32,
        "int64" => Int64,
        "uint8" => UInt8,
        "uint16" => UInt16,
        "uint32" => UInt32,
        "uint64" => UInt64,
        "float16" => Float16,
        "float32" => Float32,
        "float64" => Float64,
        _ => TryParseTypeString(name),
    };

    /// <summary>The data type of the CLR element type <typeparamref name="T"/>.</summary>
    public static DataType Of<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(bool) => Bool,
        var t when t == typeof(sbyte) => Int8,
        var t when t == typeof(short) => Int16,
        var t when t == typeof(int) => Int32,
        var t when t == typeof(long) => Int64,
        var t when t == typeof(byte) => UInt8,
        var t when t == typeof(ushort) => UInt16,
        var t when t == typeof(uint) => UInt32,
        var t when t == typeof(ulong) => UInt64,
        var t when t == typeof(Half) => Float16,
        var t when t == typeof(float) => Float32,
        var t when t == typeof(double) => Float64,
        _ => throw new NotSupportedException($"{typeof(T).Name} is not a supported array element type."),
    };

    /// <summary>Whether <typeparamref name="T"/> is the CLR type of this data type.</summary>
    public bool Matches<T>() where T : unmanaged => Of<T>().Kind == Kind;

    /// <summary>Swaps each element of <paramref name="data"/> between big- and little-endian in place.</summary>
    public void SwapBytes(Span<byte> data)
    {
        switch (Size)
        {
            case 2:
                var s16 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(s16, s16);
                break;
            case 4:
                var s32 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(s32, s32);
                break;
            case 8:
                var s64 = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(s64, s64);
                break;
        }
    }

    public override string ToString() => NumpyName;
}
