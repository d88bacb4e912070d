using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using Volara.Runtime.Storage;

namespace Volara.Runtime.Datasets.Views;

/// <summary>Element-wise conversions between any two data types, vectorised through TensorPrimitives.</summary>
internal static class ValueKernels
{
    /// <summary>numpy <c>astype</c>: floats to integers truncate (saturating here), anything to bool is <c>x != 0</c>.</summary>
    public static void Convert(ReadOnlySpan<byte> source, DataType from, Span<byte> destination, DataType to)
    {
        if (from.Kind == to.Kind)
        {
            source.CopyTo(destination);
            return;
        }

        switch (from.Kind)
        {
            case ScalarKind.Bool:
            case ScalarKind.UInt8: ConvertFrom<byte>(source, destination, to); break;
            case ScalarKind.Int8: ConvertFrom<sbyte>(source, destination, to); break;
            case ScalarKind.Int16: ConvertFrom<short>(source, destination, to); break;
            case ScalarKind.Int32: ConvertFrom<int>(source, destination, to); break;
            case ScalarKind.Int64: ConvertFrom<long>(source, destination, to); break;
            case ScalarKind.UInt16: ConvertFrom<ushort>(source, destination, to); break;
            case ScalarKind.UInt32: ConvertFrom<uint>(source, destination, to); break;
            case ScalarKind.UInt64: ConvertFrom<ulong>(source, destination, to); break;
            case ScalarKind.Float16: ConvertFrom<Half>(source, destination, to); break;
            case ScalarKind.Float32: ConvertFrom<float>(source, destination, to); break;
            case ScalarKind.Float64: ConvertFrom<double>(source, destination, to); break;
            default: throw new NotSupportedException($"no conversion from {from}");
        }
    }

    /// <summary>Writes <c>x &gt; threshold</c> as bytes 0/1.</summary>
    public static void GreaterThan(ReadOnlySpan<double> values, double threshold, Span<byte> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var limit = Vector256.Create(threshold);
            for (; i + Vector256<double>.Count <= values.Length; i += Vector256<double>.Count)
            {
                var mask = Vector256.GreaterThan(Vector256.Create(values.Slice(i, Vector256<double>.Count)), limit).ExtractMostSignificantBits();
                for (var lane = 0; lane < Vector256<double>.Count; lane++)
                {
                    destination[i + lane] = (byte)((mask >> lane) & 1);
                }
            }
        }

        for (; i < values.Length; i++)
        {
            destination[i] = values[i] > threshold ? (byte)1 : (byte)0;
        }
    }

    private static void ConvertFrom<TFrom>(ReadOnlySpan<byte> source, Span<byte> destination, DataType to)
        where TFrom : unmanaged, INumberBase<TFrom>
    {
        var values = MemoryMarshal.Cast<byte, TFrom>(source);
        switch (to.Kind)
        {
            case ScalarKind.Bool: ToBool(values, destination); break;
            case ScalarKind.UInt8: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, byte>(destination)); break;
            case ScalarKind.Int8: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, sbyte>(destination)); break;
            case ScalarKind.Int16: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, short>(destination)); break;
            case ScalarKind.Int32: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, int>(destination)); break;
            case ScalarKind.Int64: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, long>(destination)); break;
            case ScalarKind.UInt16: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, ushort>(destination)); break;
            case ScalarKind.UInt32: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, uint>(destination)); break;
            case ScalarKind.UInt64: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, ulong>(destination)); break;
            case ScalarKind.Float16: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, Half>(destination)); break;
            case ScalarKind.Float32: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, float>(destination)); break;
            case ScalarKind.Float64: TensorPrimitives.ConvertTruncating(values, MemoryMarshal.Cast<byte, double>(destination)); break;
            default: throw new NotSupportedException($"no conversion to {to}");
        }
    }

    private static void ToBool<T>(ReadOnlySpan<T> values, Span<byte> destination)
        where T : unmanaged, INumberBase<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            destination[i] = T.IsZero(values[i]) ? (byte)0 : (byte)1;
        }
    }
}
