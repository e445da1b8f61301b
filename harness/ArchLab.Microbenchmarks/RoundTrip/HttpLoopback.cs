using System.Net;
using System.Net.Http.Json;
using ArchLab.Contracts.Messages;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>
/// HTTP/1.1 on loopback, as the REST style calls a step: POST of the JSON message, JSON answer, one
/// kept-alive connection.
/// </summary>
public sealed class HttpLoopback : IRoundTrip
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly StepMessage _message;

    private HttpLoopback(WebApplication app, HttpClient client, StepMessage message)
    {
        _app = app;
        _client = client;
        _message = message;
    }

    public static async Task<HttpLoopback> StartAsync(StepMessage message)
    {
        var (app, url) = await LoopbackHost.StartAsync(
            HttpProtocols.Http1,
            builder => builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default)),
            app => app.MapPost("/echo", static (StepMessage message) => TypedResults.Ok(EchoHandler.Handle(message))));
        var client = new HttpClient
        {
            BaseAddress = url,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        return new HttpLoopback(app, client, message);
    }

    public async ValueTask<string> RoundTripAsync()
    {
        using var response = await _client.PostAsJsonAsync("/echo", _message, ContractsJsonContext.Default.StepMessage);
        response.EnsureSuccessStatusCode();
        var done = await response.Content.ReadFromJsonAsync(ContractsJsonContext.Default.StepDone);
        return done!.OrderId;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
