using System.Globalization;

namespace Volara.Cli.Serving;

/// <summary>One byte range of an HTTP <c>Range</c> header, resolved against the file length (inclusive end).</summary>
public readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    /// <summary>
    /// Parses <c>bytes=a-b</c>, <c>bytes=a-</c> and <c>bytes=-n</c> (the last n bytes). Returns null when the
    /// header asks for no single range this server serves (absent, malformed, several ranges): the whole file is
    /// sent then. <paramref name="satisfiable"/> is false when the range lies beyond the file (answer 416).
    /// </summary>
    public static ByteRange? Parse(string? header, long fileLength, out bool satisfiable)
    {
        satisfiable = true;
        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(','))
        {
            return null;
        }

        string spec = header["bytes=".Length..].Trim();
        int dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }

        string first = spec[..dash].Trim();
        string last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out long suffix))
            {
                return null;
            }

            if (suffix == 0 || fileLength == 0)
            {
                satisfiable = false;
                return null;
            }

            return new ByteRange(Math.Max(0, fileLength - suffix), fileLength - 1);
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out long start))
        {
            return null;
        }

        long end = fileLength - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }
        }

        if (start >= fileLength)
        {
            satisfiable = false;
            return null;
        }

        return new ByteRange(start, Math.Min(end, fileLength - 1));
    }
}
