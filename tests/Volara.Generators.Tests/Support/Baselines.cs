namespace Volara.Generators.Tests.Support;

/// <summary>
/// Golden files under <c>Baselines/&lt;test&gt;/&lt;hint name&gt;.txt</c>. With <c>VOLARA_UPDATE_BASELINES=1</c> a test rewrites
/// its directory (stale files removed) instead of comparing.
/// </summary>
internal static class Baselines
{
    private static bool Updating => Environment.GetEnvironmentVariable("VOLARA_UPDATE_BASELINES") == "1";

    public static void Match(string test, IReadOnlyDictionary<string, string> generated)
    {
        var directory = RepositoryRoot.Combine("tests", "Volara.Generators.Tests", "Baselines", test);
        if (Updating)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (var (hint, text) in generated)
            {
                File.WriteAllText(Path.Combine(directory, hint + ".txt"), text);
            }

            return;
        }

        var expected = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.txt").Select(Path.GetFileName).Select(name => name![..^".txt".Length]).Order(StringComparer.Ordinal).ToList()
            : [];
        Assert.Equal(expected, generated.Keys.Order(StringComparer.Ordinal).ToList());
        foreach (var (hint, text) in generated)
        {
            CompareLines(hint, File.ReadAllText(Path.Combine(directory, hint + ".txt")), text);
        }
    }

    private static void CompareLines(string hint, string expected, string actual)
    {
        var want = expected.ReplaceLineEndings("\n").Split('\n');
        var got = actual.ReplaceLineEndings("\n").Split('\n');
        for (int line = 0; line < Math.Max(want.Length, got.Length); line++)
        {
            var a = line < want.Length ? want[line] : "<end of file>";
            var b = line < got.Length ? got[line] : "<end of file>";
            if (a != b)
            {
                Assert.Fail($"{hint} differs from its baseline at line {line + 1} (VOLARA_UPDATE_BASELINES=1 rewrites it):\n  expected: {a}\n  actual:   {b}");
            }
        }
    }
}
