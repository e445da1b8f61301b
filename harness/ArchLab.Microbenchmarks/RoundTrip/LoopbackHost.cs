using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>A minimal Kestrel host in the benchmark process on 127.0.0.1, on a port the system picks.</summary>
public static class LoopbackHost
{
    public static async Task<(WebApplication App, Uri Url)> StartAsync(
        HttpProtocols protocols, Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Logging per request would be measured along with the hop.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        configure(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, new Uri(app.Urls.First()));
    }
}
