using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArchLab.Unit.Tests.Load;

/// <summary>A Kestrel endpoint on 127.0.0.1 (port chosen by the system) with one route per kind of answer the HTTP
/// target must handle.</summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _connections;

    private TestHttpServer(WebApplication app, Uri url, ConcurrentDictionary<string, byte> connections)
    {
        _app = app;
        Url = url;
        _connections = connections;
    }

    public Uri Url { get; }

    /// <summary>How many TCP connections requests have come on so far.</summary>
    public int Connections => _connections.Count;

    public static async Task<TestHttpServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var connections = new ConcurrentDictionary<string, byte>();
        app.Use((context, next) =>
        {
            connections.TryAdd(context.Connection.Id, 0);
            return next(context);
        });
        app.MapPost("/ok", () => Results.Text("hello, this is a body"));
        app.MapPost("/accepted", () => Results.Accepted());
        app.MapPost("/bad", () => Results.Problem(title: "bad order", statusCode: 400));
        app.MapPost("/unavailable", () => Results.StatusCode(503));
        app.MapPost("/chunked", async (HttpContext context) =>
        {
            for (var i = 0; i < 5; i++)
            {
                await context.Response.WriteAsync($"part {i};", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted); // no length known: chunked
            }
        });
        app.MapPost("/close", (HttpContext context) =>
        {
            context.Response.Headers.Connection = "close";
            return Results.Text("bye");
        });
        app.MapPost("/abort", (HttpContext context) => context.Abort());

        // The body names the route to answer like, so one client (one connection) can meet every kind in turn.
        app.MapPost("/mixed", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.ASCII);
            var kind = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Path = "/" + kind;
            var endpoint = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
                .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
                .First(e => e.RoutePattern.RawText == "/" + kind);
            await endpoint.RequestDelegate!(context);
        });
        app.MapPost("/slow", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        app.MapPost("/length/{expected:int}", async (int expected, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var typed = context.Request.ContentType == "application/json";
            return body.Length == expected && typed ? Results.Ok() : Results.StatusCode(422);
        });
        // Answers 200 only when the header named in the route has the value the body holds.
        app.MapPost("/header/{name}", async (string name, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var expected = await reader.ReadToEndAsync(context.RequestAborted);
            return context.Request.Headers[name].ToString() == expected && context.Request.ContentLength == expected.Length
                ? Results.Ok()
                : Results.StatusCode(422);
        });
        await app.StartAsync(cancellationToken);
        return new TestHttpServer(app, new Uri(app.Urls.First()), connections);
    }

    public Uri Route(string path) => new(Url, path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
