using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Volara.Cli.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol: one page and the workers it starts, their events
/// (console, exceptions, log entries) collected as they come, commands answered in order. WebGL runs on SwiftShader
/// where the build allows it.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process process;
    private readonly TempDirectory profile;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> pending = new();
    private readonly ConcurrentQueue<JsonObject> events = new();
    private readonly CancellationTokenSource closing = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private Task? receiving;
    private int nextId;

    private HeadlessChromium(Process process, TempDirectory profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>Every event received so far (<c>method</c> and <c>params</c>).</summary>
    public IReadOnlyList<JsonObject> Events => [.. events];

    public static async Task<HeadlessChromium> Start(int width, int height)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's chromium package (scripts/install-deps.sh does)");
        }

        var profile = new TempDirectory();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[
            "--headless", "--no-sandbox", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-quic", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
            $"--window-size={width},{height}", "--remote-debugging-port=0", $"--user-data-dir={profile.Path}", "about:blank"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var browser = new HeadlessChromium(process, profile);
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var said = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            const string Listening = "DevTools listening on ";
            if (line.Data is null)
            {
                endpoint.TrySetException(new InvalidOperationException($"chromium ended before it listened: {said}"));
                return;
            }

            lock (said)
            {
                said.AppendLine(line.Data);
            }

            if (line.Data.StartsWith(Listening, StringComparison.Ordinal))
            {
                endpoint.TrySetResult(line.Data[Listening.Length..].Trim());
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        try
        {
            var browserSocket = new Uri(await endpoint.Task.WaitAsync(TimeSpan.FromMinutes(1)));
            using var http = new HttpClient();
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://{browserSocket.Authority}/json/list"))!.AsArray();
            string page = targets.First(t => t!["type"]!.GetValue<string>() == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
            await browser.socket.ConnectAsync(new Uri(page), CancellationToken.None);
            browser.receiving = Task.Run(browser.Receive);
            foreach (string domain in (string[])["Runtime", "Log", "Page"])
            {
                await browser.Send($"{domain}.enable");
            }

            // Workers (neuroglancer's chunk and computation workers) report to sessions of their own.
            await browser.Send("Target.setAutoAttach", new JsonObject { ["autoAttach"] = true, ["waitForDebuggerOnStart"] = false, ["flatten"] = true });

            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one protocol command (in a worker's session when given) and returns its result; a protocol error fails.</summary>
    public async Task<JsonObject> Send(string method, JsonObject? parameters = null, string? session = null)
    {
        int id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        // The socket takes one message at a time.
        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }

        return await answer.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>The value of a JavaScript expression in the page (promises awaited).</summary>
    public async Task<JsonNode?> Evaluate(string expression)
    {
        var result = await Send("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        });
        if (result["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException($"'{expression}' threw: {exception.ToJsonString()}");
        }

        return result["result"]?["value"];
    }

    /// <summary>A PNG of the page as it is drawn now.</summary>
    public async Task<byte[]> Screenshot()
    {
        var shot = await Send("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String(shot["data"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        if (receiving is not null)
        {
            await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        socket.Dispose();
        process.Dispose();
        closing.Dispose();
        sending.Dispose();
        profile.Dispose();
    }

    private async Task Receive()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        while (socket.State == WebSocketState.Open && !closing.IsCancellationRequested)
        {
            var part = await socket.ReceiveAsync(buffer, closing.Token);
            if (part.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, part.Count);
            if (!part.EndOfMessage)
            {
                continue;
            }

            var received = JsonNode.Parse(message.ToArray())!.AsObject();
            message.SetLength(0);
            if (received["id"] is { } id && pending.TryRemove(id.GetValue<int>(), out var answer))
            {
                if (received["error"] is { } error)
                {
                    answer.SetException(new InvalidOperationException($"chromium refused: {error.ToJsonString()}"));
                }
                else
                {
                    answer.SetResult(received["result"]?.AsObject() ?? []);
                }
            }
            else if (received["method"] is { } method)
            {
                events.Enqueue(received);
                if (method.GetValue<string>() == "Target.attachedToTarget" && received["params"]?["sessionId"]?.GetValue<string>() is { } session)
                {
                    // Not awaited here: the answer arrives through this very loop.
                    _ = Send("Runtime.enable", session: session);
                }
            }
        }
    }
}
