using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Host.Edge;

namespace ArchLab.Services.Host.Styles.Rest;

/// <summary>Calls a step role over HTTP/1.1 JSON, with the arm's per-call timeout.</summary>
public sealed class RestStepClient(IHttpClientFactory clients, ServiceOptions options) : IStepClient
{
    public async ValueTask<PipelineResult> CallAsync(string role, StepMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CallTimeout);
        try
        {
            using var response = await clients.CreateClient(role).PostAsJsonAsync(
                RestStepApi.PathOf(role), message, ContractsJsonContext.Default.StepMessage, timeout.Token);
            return response.IsSuccessStatusCode
                ? PipelineResult.Ok
                : new PipelineResult(PipelineFailure.DownstreamError, role, $"{role} answered {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PipelineResult(PipelineFailure.Timeout, role, $"{role} did not answer within {options.CallTimeout}");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return new PipelineResult(PipelineFailure.Unavailable, role, $"{role}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return new PipelineResult(PipelineFailure.DownstreamError, role, $"{role}: {e.Message}");
        }
    }

    /// <summary>One named client per downstream role; connections are kept and reused.</summary>
    public static void Register(IServiceCollection services, ServiceOptions options)
    {
        foreach (var (role, address) in options.Downstream)
        {
            services.AddHttpClient(role, client =>
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
        }

        services.AddSingleton<IStepClient, RestStepClient>();
    }
}
