using System.Net;
using ArchLab.Contracts.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ArchLab.Services.Host.Hosting;

/// <summary>Where and how a role listens: loopback unless placed on another host, HTTP/2 for gRPC steps, HTTP/1.1 for the rest.</summary>
public static class Listening
{
    public static void Configure(WebApplicationBuilder builder, ServiceOptions options)
    {
        // Cleartext HTTP/2 cannot share a port with HTTP/1.1 (no ALPN to choose): a gRPC step role, control
        // endpoint included, speaks HTTP/2 only, as FaultControl knows.
        var protocols = FaultControl.UsesHttp2(options.Style, options.Role) ? HttpProtocols.Http2 : HttpProtocols.Http1;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port, listen => listen.Protocols = protocols);
            kestrel.AddServerHeader = false;
        });
    }

    /// <summary>The port actually bound (the system's choice when the options said 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = addresses.Addresses.First();
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
    }
}
