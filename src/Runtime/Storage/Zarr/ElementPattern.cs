using System.Runtime.InteropServices;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>Vectorised fill and all-equal tests for spans of fixed-size elements (the fill value).</summary>
internal static class ElementPattern
{
    public static void Fill(Span<byte> target, ReadOnlySpan<byte> element)
    {
        switch (element.Length)
        {
            case 1:
                target.Fill(element[0]);
                break;
            case 2:
                MemoryMarshal.Cast<byte, ushort>(target).Fill(MemoryMarshal.Read<ushort>(element));
                break;
            case 4:
                MemoryMarshal.Cast<byte, uint>(target).Fill(MemoryMarshal.Read<uint>(element));
                break;
            default:
                MemoryMarshal.Cast<byte, ulong>(target).Fill(MemoryMarshal.Read<ulong>(element));
                break;
        }
    }

    /// <summary>True when every element equals <paramref name="element"/> bit for bit (so a NaN fill matches its own NaN).</summary>
    public static bool IsAll(ReadOnlySpan<byte> data, ReadOnlySpan<byte> element) => element.Length switch
    {
        1 => data.IndexOfAnyExcept(element[0]) < 0,
        2 => MemoryMarshal.Cast<byte, ushort>(data).IndexOfAnyExcept(MemoryMarshal.Read<ushort>(element)) < 0,
        4 => MemoryMarshal.Cast<byte, uint>(data).IndexOfAnyExcept(MemoryMarshal.Read<uint>(element)) < 0,
        _ => MemoryMarshal.Cast<byte, ulong>(data).IndexOfAnyExcept(MemoryMarshal.Read<ulong>(element)) < 0,
    };
}
