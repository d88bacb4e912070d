namespace Volara.Cli.Imaging;

/// <summary>
/// A 3×5-pixel font for the few words the pictures carry (panel and legend labels): drawn pixel by pixel, so a PNG
/// comes out the same on a machine without any font installed.
/// </summary>
public static class PixelFont
{
    private const int GlyphWidth = 3;
    private const int GlyphHeight = 5;

    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['0'] = ["###", "#.#", "#.#", "#.#", "###"],
        ['1'] = [".#.", "##.", ".#.", ".#.", "###"],
        ['2'] = ["###", "..#", "###", "#..", "###"],
        ['3'] = ["###", "..#", ".##", "..#", "###"],
        ['4'] = ["#.#", "#.#", "###", "..#", "..#"],
        ['5'] = ["###", "#..", "###", "..#", "###"],
        ['6'] = ["###", "#..", "###", "#.#", "###"],
        ['7'] = ["###", "..#", "..#", ".#.", ".#."],
        ['8'] = ["###", "#.#", "###", "#.#", "###"],
        ['9'] = ["###", "#.#", "###", "..#", "###"],
        ['a'] = ["###", "..#", "###", "#.#", "###"],
        ['d'] = ["..#", "..#", "###", "#.#", "###"],
        ['e'] = ["###", "#.#", "###", "#..", "###"],
        ['f'] = [".##", "#..", "###", "#..", "#.."],
        ['i'] = [".#.", "...", ".#.", ".#.", ".#."],
        ['l'] = ["#..", "#..", "#..", "#..", ".##"],
        ['n'] = ["...", "##.", "#.#", "#.#", "#.#"],
        ['o'] = ["...", "###", "#.#", "#.#", "###"],
        ['t'] = [".#.", "###", ".#.", ".#.", "..#"],
        ['z'] = ["###", "..#", ".#.", "#..", "###"],
        ['='] = ["...", "###", "...", "###", "..."],
        [' '] = ["...", "...", "...", "...", "..."],
    };

    /// <summary>Height of a line of text at <paramref name="scale"/> pixels per font pixel.</summary>
    public static int Height(int scale) => GlyphHeight * scale;

    /// <summary>Width of <paramref name="text"/> at <paramref name="scale"/>: glyphs one font pixel apart.</summary>
    public static int Width(string text, int scale) => text.Length == 0 ? 0 : ((text.Length * (GlyphWidth + 1)) - 1) * scale;

    /// <summary>Draws <paramref name="text"/> with its top left corner at (<paramref name="x"/>, <paramref name="y"/>), clipped to the image.</summary>
    public static void Draw(RgbImage image, int x, int y, string text, Rgb colour, int scale)
    {
        foreach (char character in text)
        {
            var glyph = Glyphs.TryGetValue(char.ToLowerInvariant(character), out var known)
                ? known
                : throw new ArgumentException($"the pixel font has no '{character}'", nameof(text));
            for (int row = 0; row < GlyphHeight; row++)
            {
                for (int column = 0; column < GlyphWidth; column++)
                {
                    if (glyph[row][column] == '#')
                    {
                        image.FillRectangle(x + (column * scale), y + (row * scale), scale, scale, colour);
                    }
                }
            }

            x += (GlyphWidth + 1) * scale;
        }
    }
}
