using System.Net;
using System.Net.Sockets;
using Volara.Runtime.Storage;

namespace Volara.Cli.Serving;

/// <summary>
/// Serves the files of one directory (a Zarr container) read-only over HTTP on the loopback interface, for
/// viewers in a browser: GET and HEAD with single byte ranges, OPTIONS pre-flights, 404 for anything that is not a
/// file inside the directory — paths that climb out of it and links that lead out of it included. The bundled viewer,
/// when there is one, is served below <see cref="ViewerPath"/> from the same origin; a viewer elsewhere is the only
/// other origin allowed to read answers (CORS), so no other web page open in the user's browser can.
/// </summary>
public sealed class ZarrHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string root;
    private readonly string realRoot;
    private readonly string? viewerOrigin;
    private readonly string? viewerRoot;
    private readonly Action<string>? requestLog;
    private Task? loop;

    /// <summary>The URL path below which the bundled viewer is served.</summary>
    public const string ViewerPath = "/.viewer/";

    /// <param name="directory">What is served.</param>
    /// <param name="port">The port, or 0 for a free one.</param>
    /// <param name="viewerOrigin">The origin (<c>https://host:port</c>) of a viewer elsewhere allowed to read the answers, if any.</param>
    /// <param name="viewerDirectory">The bundled viewer's files, served below <see cref="ViewerPath"/>, if any.</param>
    /// <param name="requestLog">Told one line per answered request (<c>GET /raw/.zarray 200</c>).</param>
    public ZarrHttpServer(string directory, int port, string? viewerOrigin, string? viewerDirectory = null, Action<string>? requestLog = null)
    {
        CliPaths.RequireExisting(directory);
        root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!Directory.Exists(root))
        {
            throw new UsageException($"'{directory}' is a file, not a directory to serve");
        }

        realRoot = RealPaths.Of(root);
        this.viewerOrigin = viewerOrigin?.TrimEnd('/');
        viewerRoot = viewerDirectory is null ? null : RealPaths.Of(viewerDirectory) + Path.DirectorySeparatorChar;
        this.requestLog = requestLog;

        Port = port == 0 ? FreePort() : port;
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    public void Start()
    {
        try
        {
            listener.Start();
        }
        catch (HttpListenerException error)
        {
            throw new UsageException($"cannot listen on 127.0.0.1:{Port}: {error.Message}");
        }

        loop = Task.Run(AcceptLoop);
    }

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception; nothing is left to clean up.
        }
    }

    private async Task AcceptLoop()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            response.AppendHeader("Vary", "Origin");
            if (viewerOrigin is not null && string.Equals(context.Request.Headers["Origin"], viewerOrigin, StringComparison.OrdinalIgnoreCase))
            {
                response.AppendHeader("Access-Control-Allow-Origin", viewerOrigin);
                response.AppendHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
                response.AppendHeader("Access-Control-Allow-Headers", "Range, Content-Type");
                response.AppendHeader("Access-Control-Expose-Headers", "Content-Length, Content-Range, Accept-Ranges");
            }

            string method = context.Request.HttpMethod;
            if (method == "OPTIONS")
            {
                response.StatusCode = (int)HttpStatusCode.NoContent;
                return;
            }

            if (method is not ("GET" or "HEAD"))
            {
                response.StatusCode = (int)HttpStatusCode.MethodNotAllowed;
                response.AppendHeader("Allow", "GET, HEAD, OPTIONS");
                return;
            }

            if (Resolve(context.Request.Url?.AbsolutePath) is not { } file)
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            SendFile(context, file, method == "HEAD");
        }
        catch (Exception error) when (error is IOException or HttpListenerException or UnauthorizedAccessException)
        {
            // The client went away or the file vanished mid-answer; the next request is unaffected.
        }
        finally
        {
            requestLog?.Invoke($"{context.Request.HttpMethod} {context.Request.Url?.AbsolutePath} {response.StatusCode}");
            try
            {
                response.Close();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed by a lost connection.
            }
        }
    }

    private static void SendFile(HttpListenerContext context, string file, bool headOnly)
    {
        var response = context.Response;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long length = stream.Length;
        response.AppendHeader("Accept-Ranges", "bytes");
        response.ContentType = ContentType(file);
        var range = ByteRange.Parse(context.Request.Headers["Range"], length, out bool satisfiable);
        if (!satisfiable)
        {
            response.StatusCode = (int)HttpStatusCode.RequestedRangeNotSatisfiable;
            response.AppendHeader("Content-Range", $"bytes */{length}");
            return;
        }

        long first = range?.First ?? 0;
        long count = range?.Length ?? length;
        if (range is { } r)
        {
            response.StatusCode = (int)HttpStatusCode.PartialContent;
            response.AppendHeader("Content-Range", $"bytes {r.First}-{r.Last}/{length}");
        }

        response.ContentLength64 = count;
        if (headOnly)
        {
            return;
        }

        stream.Seek(first, SeekOrigin.Begin);
        var buffer = new byte[Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                break;
            }

            response.OutputStream.Write(buffer, 0, read);
            count -= read;
        }
    }

    // Browsers run module scripts and WebAssembly only when they arrive with their own types.
    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".json" or ".zarray" or ".zgroup" or ".zattrs" => "application/json",
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".wasm" => "application/wasm",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>The file a URL path names inside the root or the viewer; null for anything else (missing, a directory, outside).</summary>
    private string? Resolve(string? urlPath)
    {
        if (urlPath is null)
        {
            return null;
        }

        if (viewerRoot is not null && urlPath.StartsWith(ViewerPath, StringComparison.Ordinal))
        {
            string page = urlPath[ViewerPath.Length..];
            return Within(viewerRoot, viewerRoot, page.Length == 0 ? "index.html" : page);
        }

        return Within(root, realRoot, urlPath);
    }

    private static string? Within(string root, string realRoot, string urlPath)
    {
        string relative = Uri.UnescapeDataString(urlPath).TrimStart('/');
        if (relative.Contains('\\') || relative.Contains('\0') || relative.Split('/').Any(segment => segment is ".." or "."))
        {
            return null;
        }

        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        // A link inside the directory may lead anywhere: only what really lies inside is served.
        string real = RealPaths.Of(full);
        return RealPaths.IsWithin(real, realRoot) ? real : null;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
