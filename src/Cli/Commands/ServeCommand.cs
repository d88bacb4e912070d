using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Volara.Cli.Serving;

namespace Volara.Cli.Commands;

/// <summary>
/// <c>volara serve PATH [--port N] [--viewer URL] [--log-requests] [--json]</c>: serves a Zarr container on 127.0.0.1,
/// with volara's own neuroglancer viewer on the same port, and prints the link that shows its arrays; runs until
/// interrupted (Ctrl+C or SIGTERM).
/// </summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("PATH") { Description = "The Zarr container (or array) to serve." };
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 8000 };
        var viewer = new Option<string>("--viewer")
        {
            Description = "A neuroglancer instance elsewhere for the link to open (default: the viewer volara serves itself, which needs no internet).",
        };
        var logRequests = new Option<bool>("--log-requests") { Description = "Print each request and its status to stderr." };
        var json = CommandHelp.Json();
        var command = new Command("serve", CommandHelp.Describe(
            "Serve a Zarr container and a neuroglancer viewer over HTTP and print the link that shows its arrays.",
            "volara serve quickstart-output/segmentation.zarr",
            "volara serve sample.zarr --port 0 --json",
            "volara serve sample.zarr --viewer https://neuroglancer-demo.appspot.com")) { path, port, viewer, logRequests, json };
        command.SetAction(parsed =>
        {
            string root = parsed.GetRequiredValue(path);
            int requested = parsed.GetValue(port);
            if (requested is < 0 or > 65535)
            {
                throw new UsageException($"--port must be between 0 and 65535, got {requested}");
            }

            string? viewerUrl = parsed.GetValue(viewer);
            string? bundled = viewerUrl is null ? BundledViewer.Directory : null;
            if (viewerUrl is null && bundled is null)
            {
                viewerUrl = NeuroglancerState.DefaultViewer;
                console.Error.WriteLine($"note: this volara was built without its own viewer (npm was missing or failed then), so the link opens {viewerUrl}");
            }

            Uri? viewerUri = null;
            if (viewerUrl is not null && (!Uri.TryCreate(viewerUrl, UriKind.Absolute, out viewerUri) || viewerUri.Scheme is not ("http" or "https")))
            {
                throw new UsageException($"--viewer must be an http or https address, got '{viewerUrl}'");
            }

            // Requests are answered on many threads at once.
            Action<string>? log = parsed.GetValue(logRequests) ? TextWriter.Synchronized(console.Error).WriteLine : null;
            using var server = new ZarrHttpServer(root, requested, viewerUri?.GetLeftPart(UriPartial.Authority), bundled, log);
            var arrays = ServedArray.Find(root);
            var state = NeuroglancerState.Create(arrays, server.BaseUrl);
            string link = NeuroglancerState.Link(viewerUrl ?? server.BaseUrl.TrimEnd('/') + ZarrHttpServer.ViewerPath, state);
            server.Start();
            if (parsed.GetValue(json))
            {
                console.Out.WriteLine(new JsonObject { ["url"] = server.BaseUrl, ["neuroglancer"] = link, ["state"] = state }.ToJsonString());
            }
            else
            {
                console.Out.WriteLine($"serving {root} at {server.BaseUrl} ({arrays.Count} arrays; Ctrl+C stops)");
                console.Out.WriteLine($"neuroglancer: {link}");
            }

            console.Out.Flush();
            WaitForStop();
            return VolaraApp.Success;
        });
        return command;
    }

    private static void WaitForStop()
    {
        using var stop = new ManualResetEventSlim();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Set();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        stop.Wait();
    }
}
