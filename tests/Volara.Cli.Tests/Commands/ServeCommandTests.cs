using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Volara.Cli.Tests.Support;
using Volara.Runtime.Storage;
using Volara.Runtime.Storage.Zarr;

namespace Volara.Cli.Tests.Commands;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task ServesTheContainerWithRangesAndCorsAndLinksItsArraysInNeuroglancer()
    {
        using var temp = new TempDirectory();
        string container = temp.Combine("sample.zarr");
        WriteArray(Path.Combine(container, "volumes", "raw"), DataType.UInt8, [], new JsonObject
        {
            ["voxel_size"] = new JsonArray(40, 4, 4), ["offset"] = new JsonArray(80, 8, 0),
            ["axis_names"] = new JsonArray("z", "y", "x"), ["units"] = new JsonArray("nm", "nm", "nm"),
        });
        WriteArray(Path.Combine(container, "volumes", "seg"), DataType.UInt64, [], new JsonObject
        {
            ["voxel_size"] = new JsonArray(40, 4, 4), ["offset"] = new JsonArray(80, 8, 0),
            ["axis_names"] = new JsonArray("z", "y", "x"), ["units"] = new JsonArray("nm", "nm", "nm"),
        });
        WriteArray(Path.Combine(container, "z-affs"), DataType.Float32, [3], new JsonObject
        {
            ["voxel_size"] = new JsonArray(40, 4, 4), ["offset"] = new JsonArray(0, 0, 0),
            ["axis_names"] = new JsonArray("c^", "z", "y", "x"), ["units"] = new JsonArray("nm", "nm", "nm"),
        });
        File.WriteAllText(temp.Combine("secret.txt"), "outside");
        Directory.CreateDirectory(temp.Combine("private"));
        File.WriteAllText(temp.Combine("private", "key"), "outside");
        File.CreateSymbolicLink(Path.Combine(container, "linked.txt"), temp.Combine("secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(container, "linked"), temp.Combine("private"));
        File.CreateSymbolicLink(Path.Combine(container, "inside.json"), Path.Combine(container, "volumes", "raw", ".zarray"));

        // A viewer elsewhere (volara's own is served from the same origin and needs no permission).
        const string Viewer = "https://neuroglancer-demo.appspot.com";
        using var server = new VolaraBackground(temp.Path, "serve", "sample.zarr", "--port", "0", "--json", "--viewer", Viewer);
        var printed = JsonNode.Parse(server.ReadLine())!;
        string baseUrl = printed["url"]!.GetValue<string>();
        Assert.StartsWith("http://127.0.0.1:", baseUrl);
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("Origin", Viewer);

        byte[] zarray = File.ReadAllBytes(Path.Combine(container, "volumes", "raw", ".zarray"));
        using (var whole = await client.GetAsync("volumes/raw/.zarray"))
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal(zarray, await whole.Content.ReadAsByteArrayAsync());
            Assert.Equal(Viewer, whole.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "volumes/raw/.zarray"))
        {
            request.Headers.Range = new RangeHeaderValue(3, 9);
            using var partial = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(zarray[3..10], await partial.Content.ReadAsByteArrayAsync());
            Assert.Equal($"bytes 3-9/{zarray.Length}", partial.Content.Headers.ContentRange!.ToString());
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "volumes/raw/.zarray"))
        {
            request.Headers.Range = new RangeHeaderValue(null, 5);
            using var suffix = await client.SendAsync(request);
            Assert.Equal(zarray[^5..], await suffix.Content.ReadAsByteArrayAsync());
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "volumes/raw/.zarray"))
        {
            request.Headers.Range = new RangeHeaderValue(zarray.Length + 10, null);
            using var beyond = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        }

        using (var preflight = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "volumes/raw/.zarray")))
        {
            Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
            Assert.Contains("Range", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single());
        }

        using (var missing = await client.GetAsync("volumes/raw/.zgroup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal(Viewer, missing.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }

        // Another web page open in the browser gets no permission to read the answers.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "volumes/raw/.zarray"))
        {
            request.Headers.Add("Origin", "https://elsewhere.example");
            using var foreign = await new HttpClient { BaseAddress = new Uri(baseUrl) }.SendAsync(request);
            Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        }

        // Links that lead out of the served directory are not followed; one that stays inside is.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("linked.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("linked/key")).StatusCode);
        Assert.Equal(zarray, await client.GetByteArrayAsync("inside.json"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("volumes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("%2E%2E/secret.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("volumes/%2E%2E%2F%2E%2E%2Fsecret.txt")).StatusCode);
        Assert.StartsWith("HTTP/1.1 404", RawRequest(new Uri(baseUrl), "GET /../secret.txt HTTP/1.1"));
        Assert.StartsWith("HTTP/1.1 404", RawRequest(new Uri(baseUrl), "GET /volumes/../../secret.txt HTTP/1.1"));

        CheckState(printed["state"]!.AsObject(), baseUrl);
        string link = printed["neuroglancer"]!.GetValue<string>();
        Assert.StartsWith("https://neuroglancer-demo.appspot.com/#!", link);
        var decoded = JsonNode.Parse(Uri.UnescapeDataString(link[(link.IndexOf("#!", StringComparison.Ordinal) + 2)..]))!.AsObject();
        CheckState(decoded, baseUrl);
    }

    [Fact]
    public void PrintsTheAddressAndTheLinkAsText()
    {
        using var temp = new TempDirectory();
        WriteArray(temp.Combine("data.zarr", "raw"), DataType.UInt8, [], new JsonObject());

        using var server = new VolaraBackground(temp.Path, "serve", "data.zarr", "--port", "0", "--viewer", "http://localhost:9999");

        Assert.Matches(@"^serving data\.zarr at http://127\.0\.0\.1:\d+/ \(1 arrays; Ctrl\+C stops\)$", server.ReadLine());
        Assert.StartsWith("neuroglancer: http://localhost:9999/#!%7B", server.ReadLine());
    }

    private static void CheckState(JsonObject state, string baseUrl)
    {
        // The global dimensions are the physical axes of the first array; channel axes stay per layer.
        var dimensions = state["dimensions"]!.AsObject();
        Assert.Equal(["z", "y", "x"], dimensions.Select(d => d.Key));
        Assert.Equal(4e-8, dimensions["z"]![0]!.GetValue<double>());
        Assert.Equal("m", dimensions["z"]![1]!.GetValue<string>());
        Assert.Equal(4e-9, dimensions["x"]![0]!.GetValue<double>());

        // The view opens at the centre of all arrays: [0, 240) × [0, 40) × [0, 32) nm, in voxels of the first.
        Assert.Equal([3.0, 5.0, 4.0], state["position"]!.AsArray().Select(p => p!.GetValue<double>()));

        // Sections show x across and y down, stepping through z.
        Assert.Equal(["x", "y", "z"], state["displayDimensions"]!.AsArray().Select(d => d!.GetValue<string>()));

        // 10 voxels across at most: zoomed in to 10 / 250 voxels per pixel instead of neuroglancer's 1.
        Assert.Equal(0.04, state["crossSectionScale"]!.GetValue<double>(), 1e-12);

        var layers = state["layers"]!.AsArray().Select(l => l!.AsObject()).ToList();
        Assert.Equal(["volumes/raw", "z-affs", "volumes/seg"], layers.Select(l => l["name"]!.GetValue<string>()));
        // Images first, so that the segmentation is drawn on top of them.
        Assert.Equal(["image", "image", "segmentation"], layers.Select(l => l["type"]!.GetValue<string>()));
        Assert.Equal($"zarr2://{baseUrl}volumes/seg", layers[2]["source"]!["url"]!.GetValue<string>());

        // The offset (80, 8, 0) nm is (2, 2, 0) voxels of (40, 4, 4) nm.
        var transform = layers[2]["source"]!["transform"]!;
        Assert.Equal(["z", "y", "x"], transform["outputDimensions"]!.AsObject().Select(d => d.Key));
        Assert.Equal(4e-9, transform["outputDimensions"]!["y"]![0]!.GetValue<double>());
        Assert.Equal([2.0, 2.0, 0.0], transform["matrix"]!.AsArray().Select(row => row!.AsArray()[^1]!.GetValue<double>()));

        // The array's own axes (Zarr 2 without _ARRAY_DIMENSIONS: d0, d1, d2) are voxels of the same size, not metres.
        var input = transform["inputDimensions"]!.AsObject();
        Assert.Equal(["d0", "d1", "d2"], input.Select(d => d.Key));
        Assert.Equal(4e-8, input["d0"]![0]!.GetValue<double>());
        Assert.Equal("m", input["d2"]![1]!.GetValue<string>());
        var affs = layers[1]["source"]!["transform"]!["outputDimensions"]!.AsObject();
        Assert.Equal(["c^", "z", "y", "x"], affs.Select(d => d.Key));
    }

    // HttpClient removes dot segments before sending; a raw request shows what a hostile client gets.
    private static string RawRequest(Uri server, string requestLine)
    {
        using var tcp = new TcpClient(server.Host, server.Port);
        using var stream = tcp.GetStream();
        byte[] request = Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n");
        stream.Write(request);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return reader.ReadLine() ?? string.Empty;
    }

    private static void WriteArray(string path, DataType type, long[] channels, JsonObject attributes)
    {
        long[] shape = [.. channels, 4, 8, 8];
        ZarrArray.Create(path, new ZarrArrayOptions { Shape = shape, ChunkShape = [.. shape.Select(s => (int)s)], DataType = type, Attributes = attributes });
    }
}
