using System.Globalization;

namespace Volara.Cli.Parsing;

/// <summary>Parses shapes written as comma-separated positive integers: <c>64,64,64</c>.</summary>
public static class ShapeText
{
    public static int[] Parse(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var shape = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]) || shape[i] <= 0)
            {
                throw new FormatException($"expected comma-separated positive integers such as 64,64,64, got '{text}'");
            }
        }

        return shape;
    }

    public static string Format(IEnumerable<long> shape) => string.Join(',', shape);

    public static string Format(IEnumerable<int> shape) => string.Join(',', shape);
}
