using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Host.Edge;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ArchLab.Services.Host.Styles.Rest;

/// <summary>Calls a step role over HTTP/1.1 JSON through the arm's resilience pipeline (<see cref="RestResilience"/>).</summary>
public sealed class RestStepClient(IHttpClientFactory clients, ServiceOptions options) : IStepClient
{
    public async ValueTask<PipelineResult> CallAsync(string role, StepMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RestStepApi.PathOf(role))
        {
            Content = JsonContent.Create(message, ContractsJsonContext.Default.StepMessage),
        };
        if (options.Resilience.IdempotencyKey)
        {
            request.Headers.Add(StepHeaders.IdempotencyKey, StepHeaders.KeyFor(message.OrderId!, role));
        }

        try
        {
            using var response = await clients.CreateClient(role).SendAsync(request, cancellationToken);
            var attempts = AttemptCounter.AttemptsOf(request);
            return response.IsSuccessStatusCode
                ? PipelineResult.Ok
                : Failed(PipelineFailure.DownstreamError, role, $"{role} answered {(int)response.StatusCode}", attempts);
        }
        catch (TimeoutRejectedException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(PipelineFailure.Timeout, role, $"{role} did not answer in time (call timeout {options.CallTimeout}, attempt timeout {options.Resilience.AttemptTimeout?.ToString() ?? "none"})", AttemptCounter.AttemptsOf(request));
        }
        catch (BrokenCircuitException e)
        {
            return Failed(PipelineFailure.Unavailable, role, $"{role}: circuit open ({e.Message})", AttemptCounter.AttemptsOf(request));
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return Failed(PipelineFailure.Unavailable, role, $"{role}: {e.Message}", AttemptCounter.AttemptsOf(request));
        }
        catch (HttpRequestException e)
        {
            return Failed(PipelineFailure.DownstreamError, role, $"{role}: {e.Message}", AttemptCounter.AttemptsOf(request));
        }
    }

    private static PipelineResult Failed(PipelineFailure failure, string role, string detail, int attempts) =>
        new(failure, role, attempts > 1 ? $"{detail}, after {attempts} attempts" : detail, attempts);

    /// <summary>One named client per downstream role, each with its own pipeline (and breaker); connections are kept and reused.</summary>
    public static void Register(IServiceCollection services, ServiceOptions options)
    {
        services.AddTransient<AttemptCounter>();
        foreach (var (role, address) in options.Downstream)
        {
            var client = services.AddHttpClient(role, client =>
                {
                    client.BaseAddress = new Uri(address);
                    client.Timeout = Timeout.InfiniteTimeSpan;
                    client.DefaultRequestVersion = HttpVersion.Version11;
                })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                    // Below Kestrel's keep-alive timeout (130s): the client retires an idle connection before the
                    // server closes it under a request in flight, which would fail that request for nothing.
                    PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                    ConnectTimeout = TimeSpan.FromSeconds(2),
                    UseProxy = false,
                });
            client.AddResilienceHandler($"{role}-calls", pipeline => RestResilience.Configure(pipeline, options.CallTimeout, options.Resilience));
            // Added after the resilience handler, so inside it: it sees each attempt.
            client.AddHttpMessageHandler<AttemptCounter>();
        }

        services.AddSingleton<IStepClient, RestStepClient>();
    }
}
