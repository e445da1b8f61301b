using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ArchLab.Load.Targets;

/// <summary>
/// The same requests and outcome mapping as <see cref="HttpLoadTarget"/>, through <see cref="HttpClient"/> and
/// <see cref="SocketsHttpHandler"/>. Kept to measure the lean client against (the ceiling benchmark runs both).
/// </summary>
public sealed class HttpClientLoadTarget : ILoadTarget, IDisposable
{
    private readonly HttpClient _client;
    private readonly HttpTargetOptions _options;
    private readonly MediaTypeHeaderValue _contentType;

    public HttpClientLoadTarget(HttpTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _contentType = MediaTypeHeaderValue.Parse(options.ContentType);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // the engine cancels
    }

    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url)
            {
                Content = new ReadOnlyMemoryContent(_options.Body(seq)),
            };
            request.Content.Headers.ContentType = _contentType;
            foreach (var (name, value) in _options.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (_options.PerRequestHeader is { } header)
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value(seq));
            }

            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? CallOutcome.Accepted(status) : CallOutcome.Rejected(status);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return CallOutcome.Refused;
        }
#pragma warning disable CA1031 // Every other failure of a request is that request's outcome, not the run's.
        catch (Exception)
#pragma warning restore CA1031
        {
            return CallOutcome.Failed;
        }
    }

    public void Dispose() => _client.Dispose();
}
