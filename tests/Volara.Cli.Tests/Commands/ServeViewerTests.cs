using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SkiaSharp;
using Volara.Cli.Tests.Support;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;
using Xunit.Abstractions;

namespace Volara.Cli.Tests.Commands;

/// <summary>
/// <c>volara serve</c> with its own neuroglancer viewer, opened in a real headless Chromium: the page loads without
/// a failed request or a console error (its workers' consoles included), fetches metadata and chunks of every layer from the server, and — where
/// WebGL runs (SwiftShader) — draws the segmentation's colours over the raw data.
/// </summary>
public sealed partial class ServeViewerTests(ITestOutputHelper output)
{
    private static readonly long[] Shape = [32, 96, 96];

    [Fact]
    public async Task TheServedViewerShowsRawAndSegmentationFromTheServerWithoutInternet()
    {
        using var temp = new TempDirectory();
        WriteVolume(temp.Combine("sample.zarr"));
        using var server = new VolaraBackground(temp.Path, "serve", "sample.zarr", "--port", "0", "--json", "--log-requests");
        var printed = JsonNode.Parse(server.ReadLine())!;
        string baseUrl = printed["url"]!.GetValue<string>();
        string link = printed["neuroglancer"]!.GetValue<string>();
        Assert.StartsWith($"{baseUrl}.viewer/#!", link);

        await using var browser = await HeadlessChromium.Start(1280, 800);
        await browser.Send("Page.navigate", new JsonObject { ["url"] = link });

        // Every layer's metadata and at least one of its chunks, as the server saw them.
        await Until(TimeSpan.FromMinutes(2), () => Task.FromResult(
            ((string[])["raw", "segments"]).All(array =>
                Answered(server, $"/{array}/.zarray", 200) &&
                Requests(server).Any(r => ChunkKey().IsMatch(r.Path) && r.Path.StartsWith($"/{array}/", StringComparison.Ordinal) && r.Status == 200))),
            () => $"the viewer did not fetch every layer's chunks; server log:\n{server.ErrorText}");

        bool webGl = (await browser.Evaluate("!!document.createElement('canvas').getContext('webgl2')"))!.GetValue<bool>();
        if (webGl)
        {
            await Until(TimeSpan.FromMinutes(1), async () => (await browser.Evaluate("viewer.isReady()"))!.GetValue<bool>(),
                () => "the viewer never finished drawing");
        }

        byte[] screenshot = await browser.Screenshot();
        File.WriteAllBytes(Path.Combine(temp.Path, "serve-viewer.png"), screenshot);
        if (Environment.GetEnvironmentVariable("VOLARA_UPDATE_SCREENSHOTS") == "1")
        {
            File.WriteAllBytes(Path.Combine(RepositoryPaths.Root, "docs", "images", "serve-viewer.png"), screenshot);
        }

        var failed = Requests(server).Where(r => r.Status >= 400).ToList();
        Assert.True(failed.Count == 0, $"failed requests: {string.Join(", ", failed)}");
        var errors = browser.Events.Where(IsError).Select(e => e.ToJsonString()).ToList();
        Assert.True(errors.Count == 0, $"console errors:\n{string.Join('\n', errors)}");
        Assert.Contains(browser.Events, e => e["method"]!.GetValue<string>() == "Target.attachedToTarget"); // the workers were listened to
        var fetched = (await browser.Evaluate("performance.getEntriesByType('resource').map(e => e.name)"))!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.NotEmpty(fetched);
        Assert.All(fetched, address => Assert.StartsWith(baseUrl, address)); // nothing from the internet

        // Browsers run module scripts and WebAssembly only when they come with their types; the viewer's folder is as
        // closed as the data's.
        using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) })
        {
            Assert.Equal("text/html", (await http.GetAsync(".viewer/")).Content.Headers.ContentType!.MediaType);
            Assert.Equal("text/javascript", (await http.GetAsync(".viewer/app/main.bundle.js")).Content.Headers.ContentType!.MediaType);
            Assert.Equal("application/wasm", (await http.GetAsync(".viewer/app/libpng.wasm")).Content.Headers.ContentType!.MediaType);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(".viewer/%2E%2E%2Fraw%2F.zarray")).StatusCode);
        }

        if (!webGl)
        {
            output.WriteLine("level: loaded (no WebGL in this Chromium, so the drawing was not checked)");
            return;
        }

        var (colourful, hues) = SegmentationColours(screenshot);
        output.WriteLine($"level: drawn (WebGL on SwiftShader): {colourful:P1} of the pixels in {hues} hues");
        Assert.True(colourful > 0.05, $"only {colourful:P1} of the screenshot is coloured: the segmentation was not drawn");
        Assert.True(hues >= 4, $"the segmentation shows in {hues} hues, expected one per segment");
    }

    /// <summary>Raw: smooth stripes. Segments: 32 labels in boxes of 16×24×24 voxels. Both 8 chunks, (8, 4, 4) nm.</summary>
    private static void WriteVolume(string container)
    {
        var raw = new byte[Shape[0] * Shape[1] * Shape[2]];
        var labels = new ulong[raw.Length];
        for (int z = 0, i = 0; z < Shape[0]; z++)
        {
            for (int y = 0; y < Shape[1]; y++)
            {
                for (int x = 0; x < Shape[2]; x++, i++)
                {
                    raw[i] = (byte)(128 + (60 * Math.Sin(x / 5.0)) + (40 * Math.Cos(y / 7.0)));
                    labels[i] = (ulong)(1 + (x / 24) + (4 * (y / 24)) + (16 * (z / 16)));
                }
            }
        }

        Create(Path.Combine(container, "raw"), DataType.UInt8).Write<byte>([0, 0, 0], Shape, raw);
        Create(Path.Combine(container, "segments"), DataType.UInt64).Write<ulong>([0, 0, 0], Shape, labels);
    }

    private static ZarrArray Create(string path, DataType type) => ZarrArray.Create(path, new ZarrArrayOptions
    {
        Shape = Shape,
        ChunkShape = [16, 48, 48],
        DataType = type,
        Attributes = new JsonObject
        {
            ["voxel_size"] = new JsonArray(8, 4, 4), ["offset"] = new JsonArray(16, 40, 40),
            ["axis_names"] = new JsonArray("z", "y", "x"), ["units"] = new JsonArray("nm", "nm", "nm"),
        },
    });

    private sealed record Request(string Method, string Path, int Status);

    private static List<Request> Requests(VolaraBackground server) =>
        [.. RequestLine().Matches(server.ErrorText).Select(m => new Request(m.Groups[1].Value, m.Groups[2].Value, int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    private static bool Answered(VolaraBackground server, string path, int status) =>
        Requests(server).Any(r => r.Path == path && r.Status == status);

    private static bool IsError(JsonObject message) => message["method"]!.GetValue<string>() switch
    {
        "Runtime.exceptionThrown" => true,
        "Runtime.consoleAPICalled" => message["params"]!["type"]!.GetValue<string>() is "error" or "assert",
        "Log.entryAdded" => message["params"]!["entry"]!["level"]!.GetValue<string>() == "error",
        _ => false,
    };

    /// <summary>The share of strongly coloured pixels (raw data and the interface are grey) and how many hues they take.</summary>
    private static (double Share, int Hues) SegmentationColours(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var pixels = bitmap.Pixels;
        int coloured = 0;
        var hues = new HashSet<int>();
        foreach (var pixel in pixels)
        {
            int max = Math.Max(pixel.Red, Math.Max(pixel.Green, pixel.Blue));
            int min = Math.Min(pixel.Red, Math.Min(pixel.Green, pixel.Blue));
            if (max - min >= 60)
            {
                coloured++;
                pixel.ToHsv(out float hue, out _, out _);
                hues.Add((int)(hue / 20));
            }
        }

        return (coloured / (double)pixels.Length, hues.Count);
    }

    private static async Task Until(TimeSpan limit, Func<Task<bool>> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(failure());
            }

            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"^(GET|HEAD|OPTIONS) (\S+) (\d{3})$", RegexOptions.Multiline)]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"/\d+\.\d+\.\d+$")]
    private static partial Regex ChunkKey();
}
