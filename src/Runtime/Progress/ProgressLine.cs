using System.Globalization;
using System.Text;

namespace Volara.Runtime.Progress;

/// <summary>
/// Formats a progress line in the layout users know from tqdm (and daisy's monitor), e.g.
/// <c>copy ✔: 100%|████████████████████| 75/75 [00:26&lt;00:00, 2.82chunks/s]</c>.
/// </summary>
public static class ProgressLine
{
    /// <summary>Characters of the bar between the two <c>|</c>.</summary>
    public const int BarWidth = 20;

    // Eighths of a cell, so the bar moves smoothly even when it is short.
    private const string PartialBlocks = " ▏▎▍▌▋▊▉";
    private const char FullBlock = '█';

    public static string Format(in ProgressSnapshot snapshot)
    {
        double fraction = snapshot.Total > 0 ? Math.Clamp((double)snapshot.Completed / snapshot.Total, 0, 1) : snapshot.State == ProgressState.Succeeded ? 1 : 0;
        double seconds = snapshot.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? snapshot.Completed / seconds : 0;

        var line = new StringBuilder(96);
        line.Append(snapshot.Description).Append(' ').Append(Symbol(snapshot.State)).Append(": ");
        line.Append(((int)Math.Floor(fraction * 100)).ToString(CultureInfo.InvariantCulture).PadLeft(3)).Append("%|");
        AppendBar(line, fraction);
        line.Append("| ").Append(snapshot.Completed.ToString(CultureInfo.InvariantCulture))
            .Append('/').Append(snapshot.Total.ToString(CultureInfo.InvariantCulture));
        line.Append(" [").Append(FormatInterval(snapshot.Elapsed)).Append('<');
        line.Append(rate > 0 ? FormatInterval(TimeSpan.FromSeconds(Math.Max(0, snapshot.Total - snapshot.Completed) / rate)) : "?");
        line.Append(", ").Append(FormatRate(rate, snapshot.Unit));
        if (!string.IsNullOrEmpty(snapshot.Postfix))
        {
            line.Append(", ").Append(snapshot.Postfix);
        }

        line.Append(']');
        return line.ToString();
    }

    /// <summary><c>mm:ss</c>, or <c>h:mm:ss</c> from one hour on.</summary>
    public static string FormatInterval(TimeSpan interval)
    {
        long total = (long)Math.Floor(Math.Max(0, interval.TotalSeconds));
        long hours = total / 3600, minutes = total / 60 % 60, secondsPart = total % 60;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{minutes:00}:{secondsPart:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes:00}:{secondsPart:00}");
    }

    /// <summary>
    /// A count as tqdm's postfix shows it: the shorter of <c>%.3g</c> (exponent without leading zeros) and
    /// the plain integer, so 1000 → <c>1000</c>, 10000 → <c>1e+4</c>, 12345 → <c>12345</c>.
    /// </summary>
    public static string FormatCount(long value)
    {
        string plain = value.ToString(CultureInfo.InvariantCulture);
        string general = FormatGeneral3(value);
        return general.Length < plain.Length ? general : plain;
    }

    /// <summary>Units per second, or seconds per unit when fewer than one unit finishes per second.</summary>
    public static string FormatRate(double unitsPerSecond, string unit)
    {
        if (unitsPerSecond <= 0 || double.IsNaN(unitsPerSecond))
        {
            return $"?{unit}/s";
        }

        return unitsPerSecond >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{unitsPerSecond:0.00}{unit}/s")
            : string.Create(CultureInfo.InvariantCulture, $"{1 / unitsPerSecond:0.00}s/{unit}");
    }

    // printf's %.3g for an integer, with Python's exponent trimmed of leading zeros (e+03 → e+3).
    private static string FormatGeneral3(long value)
    {
        if (value == 0)
        {
            return "0";
        }

        double magnitude = Math.Abs((double)value);
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        double mantissa = Math.Round(magnitude / Math.Pow(10, exponent), 2, MidpointRounding.ToEven);
        if (mantissa >= 10)
        {
            mantissa /= 10;
            exponent++;
        }

        string sign = value < 0 ? "-" : "";
        if (exponent < 3)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        string digits = mantissa.ToString("0.##", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{digits}e+{exponent}");
    }

    private static char Symbol(ProgressState state) => state switch
    {
        ProgressState.Succeeded => '✔',
        ProgressState.Failed => '✗',
        ProgressState.Orphaned => '∅',
        _ => '▶',
    };

    private static void AppendBar(StringBuilder line, double fraction)
    {
        int eighths = (int)Math.Floor(fraction * BarWidth * 8);
        int full = eighths / 8;
        line.Append(FullBlock, full);
        if (full < BarWidth)
        {
            line.Append(PartialBlocks[eighths % 8]);
            line.Append(' ', BarWidth - full - 1);
        }
    }
}
