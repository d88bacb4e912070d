using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Volara.Workers.Driver;

/// <summary>The driver's gRPC endpoint: Kestrel serving plain-text HTTP/2 on the configured address.</summary>
internal sealed class DriverServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DriverServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address workers connect to, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Address { get; }

    public static async Task<DriverServer> StartAsync(DriverState state, ProcessExecutorOptions options, bool servesCluster, CancellationToken cancellationToken)
    {
        // Cluster nodes reach the driver from outside this machine.
        var listen = options.ListenAddress ?? (servesCluster ? IPAddress.Any : IPAddress.Loopback);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(listen, options.Port, endpoint => endpoint.Protocols = HttpProtocols.Http2);

            // A worker on a node that vanished never closes its connection; pings find it, the stream breaks
            // and its blocks go back to the queue.
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(20);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(40);
        });
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 64 * 1024 * 1024);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.MapGrpcService<BlockStreamService>();
        await app.StartAsync(cancellationToken);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the driver's gRPC server did not report its address");
        var port = new Uri(bound).Port;
        var host = options.AdvertisedHost
            ?? (Environment.GetEnvironmentVariable(ProcessExecutorOptions.DriverAddressVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null)
            ?? (listen.Equals(IPAddress.Any) || listen.Equals(IPAddress.IPv6Any)
                ? Dns.GetHostName()
                : listen.ToString());
        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            host = $"[{host}]";
        }

        return new DriverServer(app, $"http://{host}:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        using var stopWithin = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopWithin.Token);
        await _app.DisposeAsync();
    }
}
