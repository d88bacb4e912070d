namespace Volara.Cli.Imaging;

/// <summary>
/// A colour per label id that depends on the id alone (a hash), so the same object has the same colour in every
/// image and every run, and neighbouring ids look different. Id 0 is background and has no colour.
/// </summary>
public static class LabelColors
{
    public static Rgb Of(ulong id)
    {
        ulong hash = SplitMix64(id);
        double hue = (hash & 0xFFFF) / 65536.0 * 360.0;
        double saturation = 0.6 + (((hash >> 16) & 0xFF) / 255.0 * 0.4);
        double value = 0.7 + (((hash >> 24) & 0xFF) / 255.0 * 0.3);
        return FromHsv(hue, saturation, value);
    }

    // A bijective mixer: consecutive ids land far apart in hue.
    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static Rgb FromHsv(double hue, double saturation, double value)
    {
        double chroma = value * saturation;
        double h = hue / 60.0;
        double x = chroma * (1 - Math.Abs((h % 2) - 1));
        (double r, double g, double b) = (int)h switch
        {
            0 => (chroma, x, 0.0),
            1 => (x, chroma, 0.0),
            2 => (0.0, chroma, x),
            3 => (0.0, x, chroma),
            4 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        double m = value - chroma;
        return new Rgb(ToByte(r + m), ToByte(g + m), ToByte(b + m));
    }

    private static byte ToByte(double unit) => (byte)Math.Clamp(Math.Round(unit * 255), 0, 255);
}
