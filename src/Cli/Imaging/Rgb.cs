namespace Volara.Cli.Imaging;

/// <summary>An opaque 8-bit colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary><paramref name="alpha"/> of <paramref name="top"/> over <paramref name="bottom"/>, rounded.</summary>
    public static Rgb Blend(Rgb bottom, Rgb top, double alpha) => new(
        (byte)Math.Round((bottom.R * (1 - alpha)) + (top.R * alpha)),
        (byte)Math.Round((bottom.G * (1 - alpha)) + (top.G * alpha)),
        (byte)Math.Round((bottom.B * (1 - alpha)) + (top.B * alpha)));

    public static Rgb Grey(byte value) => new(value, value, value);

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}
