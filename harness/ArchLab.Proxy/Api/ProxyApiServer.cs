using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArchLab.Proxy.Api;

/// <summary>Toxiproxy's HTTP API (<see cref="ToxiproxyApi"/>) on Kestrel, on a loopback address.</summary>
public sealed class ProxyApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProxyApiServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The API's base address, with the port the system chose when asked for port 0.</summary>
    public Uri Url { get; }

    /// <summary>Listens and serves. Throws <see cref="ProxyException"/> (<see cref="ProxyError.Invalid"/>) for an
    /// address off loopback, and <see cref="IOException"/> when the port is taken.</summary>
    public static async Task<ProxyApiServer> StartAsync(FaultProxy faults, ProxyApiOptions? options = null, CancellationToken cancellationToken = default)
    {
        var listen = (options ?? new ProxyApiOptions()).Listen;
        if (!IPAddress.IsLoopback(listen.Address))
        {
            throw ProxyException.Invalid($"the API must listen on a loopback address (127.0.0.1 or [::1]), not {listen.Address}");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, OwnerLifetime>();
        builder.WebHost.UseUrls($"http://{listen}");
        var app = builder.Build();
        app.Use(RefuseBrowsers);
        app.MapToxiproxyApi(faults);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ProxyApiServer(app, new Uri(app.Urls.First()));
    }

    public async Task StopAsync(CancellationToken cancellationToken = default) => await _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // The owner (the orchestrator, or `archlab proxy`) decides when the API stops: Ctrl-C and SIGTERM are its to handle,
    // not the web host's, which would otherwise stop the API on its own in the middle of a run.
    private sealed class OwnerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // As Toxiproxy does: a web page the user visits must not drive the API from the browser.
    private static Task RefuseBrowsers(HttpContext context, Func<Task> next)
    {
        if (context.Request.Headers.UserAgent.ToString().StartsWith("Mozilla/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("User agent not allowed\n");
        }

        return next();
    }
}
