using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Converts between the JSON fill_value of Zarr metadata and one element in machine byte order.</summary>
internal static class FillValue
{
    /// <summary>
    /// The element bytes of <paramref name="json"/>; null JSON gives zeros. "NaN" is numpy's canonical
    /// quiet NaN (positive sign, e.g. 0x7fc00000), not .NET's negative default NaN. Throws <see cref="FormatException"/> on bad input.
    /// </summary>
    public static byte[] ToBytes(JsonNode? json, DataType type)
    {
        var bytes = new byte[type.Size];
        if (json is null)
        {
            return bytes;
        }

        if (json is not JsonValue value)
        {
            throw new FormatException($"expected a number or string, got {json.ToJsonString()}");
        }

        var element = MetadataReader.AsElement(value);
        switch (type.Kind)
        {
            case ScalarKind.Bool:
                bytes[0] = element.ValueKind switch
                {
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    JsonValueKind.Number when element.GetRawText() is "0" => 0,
                    JsonValueKind.Number when element.GetRawText() is "1" => 1,
                    _ => throw new FormatException($"{element.GetRawText()} is not a bool"),
                };
                break;
            case ScalarKind.Float16:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, HexOr(element, 2, out var h16) ? (ushort)h16
                    : ParseFloat(element) is var v16 && double.IsNaN(v16) ? (ushort)0x7e00 : BitConverter.HalfToUInt16Bits((Half)v16));
                break;
            case ScalarKind.Float32:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, HexOr(element, 4, out var h32) ? (uint)h32
                    : ParseFloat(element) is var v32 && double.IsNaN(v32) ? 0x7fc00000u : BitConverter.SingleToUInt32Bits((float)v32));
                break;
            case ScalarKind.Float64:
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, HexOr(element, 8, out var h64) ? h64
                    : ParseFloat(element) is var v64 && double.IsNaN(v64) ? 0x7ff8000000000000ul : BitConverter.DoubleToUInt64Bits(v64));
                break;
            case ScalarKind.UInt64:
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, ParseUnsigned(element));
                break;
            default:
                WriteInteger(bytes, type, element);
                break;
        }

        return bytes;
    }

    /// <summary>The JSON written for a fill value given by the user (null → 0, or false for bool), validated against the type.</summary>
    public static JsonNode Normalise(JsonNode? requested, DataType type)
    {
        if (requested is null)
        {
            return type.Kind == ScalarKind.Bool ? JsonValue.Create(false) : JsonValue.Create(0);
        }

        var parsed = JsonNode.Parse(requested.ToJsonString())!;
        ToBytes(parsed, type);
        return parsed;
    }

    private static void WriteInteger(Span<byte> bytes, DataType type, JsonElement element)
    {
        long v = ParseSigned(element);
        (long min, long max) = type.Kind switch
        {
            ScalarKind.Int8 => (sbyte.MinValue, sbyte.MaxValue),
            ScalarKind.Int16 => (short.MinValue, short.MaxValue),
            ScalarKind.Int32 => (int.MinValue, int.MaxValue),
            ScalarKind.Int64 => (long.MinValue, long.MaxValue),
            ScalarKind.UInt8 => (byte.MinValue, byte.MaxValue),
            ScalarKind.UInt16 => (ushort.MinValue, ushort.MaxValue),
            _ => (uint.MinValue, (long)uint.MaxValue),
        };
        if (v < min || v > max)
        {
            throw new FormatException($"{v} is out of range for {type}");
        }

        Span<byte> all = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(all, v);
        all[..bytes.Length].CopyTo(bytes);
    }

    private static long ParseSigned(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (element.TryGetInt64(out var v))
            {
                return v;
            }

            if (element.TryGetDouble(out var d) && d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue)
            {
                return (long)d;
            }
        }

        throw new FormatException($"{element.GetRawText()} is not an integer");
    }

    private static ulong ParseUnsigned(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (element.TryGetUInt64(out var v))
            {
                return v;
            }

            if (element.TryGetDouble(out var d) && d == Math.Floor(d) && d >= 0 && d <= ulong.MaxValue)
            {
                return (ulong)d;
            }
        }

        throw new FormatException($"{element.GetRawText()} is not an unsigned integer");
    }

    private static double ParseFloat(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"'{s}' is not NaN, Infinity, -Infinity or a 0x bit pattern"),
        },
        _ => throw new FormatException($"{element.GetRawText()} is not a number"),
    };

    /// <summary>Zarr v3 writes exact float bit patterns as hex strings ("0x7fc00000").</summary>
    private static bool HexOr(JsonElement element, int size, out ulong bits)
    {
        bits = 0;
        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { } s || !s.StartsWith("0x", StringComparison.Ordinal))
        {
            return false;
        }

        if (s.Length != 2 + (2 * size) || !ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bits))
        {
            throw new FormatException($"'{s}' is not a {size}-byte hex bit pattern");
        }

        return true;
    }
}
