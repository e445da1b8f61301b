using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Load.Targets;
using ArchLab.Load.Targets.Transports;

namespace ArchLab.Harness.TransportArms;

/// <summary>The load target of a transport arm, pointed at its sink (HTTP, gRPC) or its broker (NATS, JetStream, RabbitMQ).</summary>
internal static class TransportTargets
{
    public static async Task<ILoadTarget> CreateAsync(
        TransportArmOptions arm, Uri sink, string? natsUrl, Uri? rabbitUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var bytes = (int)arm.Payload.Bytes;
        NatsTargetOptions Nats(string subject) => new()
        {
            Url = natsUrl ?? throw new InvalidOperationException($"transport {arm.Transport} needs a NATS server"),
            Subject = subject,
            PayloadBytes = bytes,
            Window = arm.Window,
            // The engine's timeout decides; the client's own comes later, so it never pre-empts it.
            ClientTimeout = timeout + TimeSpan.FromSeconds(5),
        };

        RabbitTargetOptions Rabbit(string queue) => new()
        {
            Url = rabbitUrl ?? throw new InvalidOperationException($"transport {arm.Transport} needs a RabbitMQ node"),
            Queue = queue,
            PayloadBytes = bytes,
        };

        return arm.Transport switch
        {
            Transports.Http => new HttpLoadTarget(new HttpTargetOptions { Url = new Uri(sink, Transports.HttpPath), Body = JsonBody(bytes) }),
            Transports.Grpc => new GrpcLoadTarget(sink, bytes),
            Transports.NatsRequest => await NatsRequestLoadTarget.ConnectAsync(Nats(Transports.RequestSubject), cancellationToken),
            Transports.NatsPublish => await NatsPublishLoadTarget.ConnectAsync(Nats(Transports.PublishSubject), cancellationToken),
            Transports.RabbitPublish => await RabbitPublishLoadTarget.ConnectAsync(Rabbit(Transports.RabbitPublishQueue), cancellationToken),
            Transports.RabbitRpc => await RabbitRpcLoadTarget.ConnectAsync(Rabbit(Transports.RabbitRequestQueue), cancellationToken),
            _ => await JetStreamPublishLoadTarget.ConnectAsync(Nats(Transports.JetStreamSubject), cancellationToken),
        };
    }

    /// <summary>A JSON body of exactly <paramref name="bytes"/> bytes (at least 8): <c>{"p":"xxxx"}</c>, the same for every request.</summary>
    private static Func<long, ReadOnlyMemory<byte>> JsonBody(int bytes)
    {
        var text = bytes >= 8 ? "{\"p\":\"" + new string('x', bytes - 8) + "\"}" : "{}";
        ReadOnlyMemory<byte> body = System.Text.Encoding.UTF8.GetBytes(text);
        return _ => body;
    }

    /// <summary>Disposes a target whichever way it is disposable.</summary>
    public static async ValueTask DisposeAsync(ILoadTarget target)
    {
        switch (target)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Priming sends negative sequence numbers: a sink that counts leaves them out, so they never pass for load.</summary>
    public sealed class Priming(ILoadTarget inner) : ILoadTarget
    {
        public ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken) => inner.SendAsync(-1 - seq, cancellationToken);
    }
}
