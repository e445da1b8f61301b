using System.Text.Json;
using ArchLab.Contracts.Messages;
using NATS.Client.Core;

namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>
/// Core NATS request-reply through a real nats-server: the JSON message out on one connection, the
/// responder's answer back on its own, as between two services.
/// </summary>
public sealed class NatsRequestReply : IRoundTrip
{
    private const string Subject = "bench.echo";

    private readonly NatsServerProcess _server;
    private readonly NatsConnection _requester;
    private readonly NatsConnection _responder;
    private readonly INatsSub<byte[]> _subscription;
    private readonly Task _responding;
    private readonly byte[] _message;

    private NatsRequestReply(NatsServerProcess server, NatsConnection requester, NatsConnection responder, INatsSub<byte[]> subscription, byte[] message)
    {
        _server = server;
        _requester = requester;
        _responder = responder;
        _subscription = subscription;
        _message = message;
        _responding = Task.Run(RespondAsync);
    }

    public static async Task<NatsRequestReply> StartAsync(StepMessage message)
    {
        var server = await NatsServerProcess.StartAsync(TimeSpan.FromSeconds(10));
        var options = NatsOpts.Default with { Url = server.Url };
        var responder = new NatsConnection(options with { Name = "echo" });
        var requester = new NatsConnection(options with { Name = "bench" });
        await responder.ConnectAsync();
        await requester.ConnectAsync();
        var subscription = await responder.SubscribeCoreAsync<byte[]>(Subject);
        // The server has the subscription once it answers a ping after it: the first request finds a responder.
        await responder.PingAsync();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, ContractsJsonContext.Default.StepMessage);
        return new NatsRequestReply(server, requester, responder, subscription, bytes);
    }

    public async ValueTask<string> RoundTripAsync()
    {
        var reply = await _requester.RequestAsync<byte[], byte[]>(Subject, _message);
        return JsonSerializer.Deserialize(reply.Data, ContractsJsonContext.Default.StepDone)!.OrderId;
    }

    private async Task RespondAsync()
    {
        await foreach (var request in _subscription.Msgs.ReadAllAsync())
        {
            var message = JsonSerializer.Deserialize(request.Data, ContractsJsonContext.Default.StepMessage)!;
            await request.ReplyAsync(JsonSerializer.SerializeToUtf8Bytes(EchoHandler.Handle(message), ContractsJsonContext.Default.StepDone));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _subscription.UnsubscribeAsync();
        await _responding;
        await _subscription.DisposeAsync();
        await _requester.DisposeAsync();
        await _responder.DisposeAsync();
        await _server.DisposeAsync();
    }
}
