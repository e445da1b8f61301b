using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArchLab.Integration.Tests.Reports;

/// <summary>
/// A minimal Chrome DevTools protocol client over one WebSocket: commands matched to replies by id, events handed
/// to a callback as they arrive. Page commands go to a flattened target session (<c>sessionId</c>).
/// </summary>
public sealed class DevToolsSession : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private int _nextId;

    /// <summary>Called on the reader loop for every event: method, params, session id.</summary>
    public Action<string, JsonObject, string?>? OnEvent { get; set; }

    public static async Task<DevToolsSession> ConnectAsync(Uri browserUrl, CancellationToken cancellationToken)
    {
        var session = new DevToolsSession();
        session._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await session._socket.ConnectAsync(browserUrl, cancellationToken);
        session._reader = Task.Run(session.ReadLoopAsync, CancellationToken.None);
        return session;
    }

    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null, string? sessionId = null, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        var answer = await reply.Task.WaitAsync(cancellationToken);
        if (answer["error"] is { } error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        }

        return answer["result"]?.AsObject() ?? [];
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (node["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var reply))
                {
                    reply.TrySetResult(node);
                }
                else if (node["method"] is { } method)
                {
                    OnEvent?.Invoke(method.GetValue<string>(), node["params"]?.AsObject() ?? [], node["sessionId"]?.GetValue<string>());
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The browser went away or the session is being disposed: fail whatever still waits.
        }

        foreach (var reply in _pending.Values)
        {
            reply.TrySetException(new InvalidOperationException("the DevTools connection closed"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}
