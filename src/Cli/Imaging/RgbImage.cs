using SkiaSharp;

namespace Volara.Cli.Imaging;

/// <summary>An RGB picture built pixel by pixel and written as PNG (encoded by SkiaSharp).</summary>
public sealed class RgbImage(int width, int height)
{
    private readonly Rgb[] pixels = new Rgb[checked(width * height)];

    public int Width { get; } = width;

    public int Height { get; } = height;

    public Rgb this[int x, int y]
    {
        get => pixels[(y * Width) + x];
        set => pixels[(y * Width) + x] = value;
    }

    public void Fill(Rgb colour) => Array.Fill(pixels, colour);

    /// <summary>Fills a rectangle (clipped to the image).</summary>
    public void FillRectangle(int x, int y, int width, int height, Rgb colour)
    {
        for (int row = Math.Max(0, y); row < Math.Min(Height, y + height); row++)
        {
            pixels.AsSpan((row * Width) + Math.Max(0, x), Math.Max(0, Math.Min(Width, x + width) - Math.Max(0, x))).Fill(colour);
        }
    }

    /// <summary>Each pixel as a <paramref name="factor"/>×<paramref name="factor"/> square.</summary>
    public RgbImage Enlarge(int factor)
    {
        if (factor == 1)
        {
            return this;
        }

        var large = new RgbImage(Width * factor, Height * factor);
        for (int y = 0; y < large.Height; y++)
        {
            for (int x = 0; x < large.Width; x++)
            {
                large[x, y] = this[x / factor, y / factor];
            }
        }

        return large;
    }

    public void SavePng(string path)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var target = bitmap.GetPixelSpan();
        for (int i = 0; i < pixels.Length; i++)
        {
            target[(4 * i) + 0] = pixels[i].R;
            target[(4 * i) + 1] = pixels[i].G;
            target[(4 * i) + 2] = pixels[i].B;
            target[(4 * i) + 3] = 255;
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new IOException($"could not encode the {Width}×{Height} image as PNG");
        string temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            data.SaveTo(file);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
