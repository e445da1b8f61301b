using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArchLab.Unit.Tests.Load;

/// <summary>A Kestrel endpoint on 127.0.0.1 (port chosen by the system) with one route per kind of answer the HTTP
/// target must handle.</summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHttpServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<TestHttpServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
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
        app.MapPost("/slow", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        app.MapPost("/length/{expected:int}", async (int expected, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var typed = context.Request.ContentType == "application/json";
            return body.Length == expected && typed ? Results.Ok() : Results.StatusCode(422);
        });
        await app.StartAsync(cancellationToken);
        return new TestHttpServer(app, new Uri(app.Urls.First()));
    }

    public Uri Route(string path) => new(Url, path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
