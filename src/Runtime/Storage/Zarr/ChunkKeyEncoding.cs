using System.Globalization;
using System.Text;

namespace Volara.Runtime.Storage.Zarr;

/// <summary>
/// Maps chunk grid indices to store keys: v2 style <c>1.2.3</c> / <c>1/2/3</c>, or v3 default style
/// <c>c/1/2/3</c> / <c>c.1.2.3</c>.
/// </summary>
internal sealed class ChunkKeyEncoding(bool prefixed, char separator)
{
    public bool Prefixed { get; } = prefixed;

    public char Separator { get; } = separator;

    public string Key(ReadOnlySpan<long> index)
    {
        if (index.Length == 0)
        {
            return Prefixed ? "c" : "0";
        }

        var text = new StringBuilder(index.Length * 4);
        if (Prefixed)
        {
            text.Append('c').Append(Separator);
        }

        for (int d = 0; d < index.Length; d++)
        {
            if (d > 0)
            {
                text.Append(Separator);
            }

            text.Append(index[d].ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Parses a '/'-separated store key relative to the array; false when it is not a chunk key of this encoding.</summary>
    public bool TryParse(string key, int dimensions, out long[] index)
    {
        index = new long[dimensions];
        string[] parts = key.Split(Separator);
        int first = Prefixed ? 1 : 0;
        if (Prefixed && (parts.Length == 0 || parts[0] != "c"))
        {
            return false;
        }

        if (dimensions == 0)
        {
            return Prefixed ? key == "c" : key == "0";
        }

        if (parts.Length - first != dimensions)
        {
            return false;
        }

        for (int d = 0; d < dimensions; d++)
        {
            string part = parts[first + d];
            if (part.Length == 0 || !char.IsAsciiDigit(part[0]) ||
                !long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out index[d]))
            {
                return false;
            }
        }

        return true;
    }
}
