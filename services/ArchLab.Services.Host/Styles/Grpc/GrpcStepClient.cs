using System.Text;
using ArchLab.Contracts.Grpc;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Host.Edge;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace ArchLab.Services.Host.Styles.Grpc;

/// <summary>Calls the step roles with gRPC unary calls over HTTP/2 without TLS, one channel per role.</summary>
public sealed class GrpcStepClient : IStepClient, IDisposable
{
    private readonly Dictionary<string, GrpcChannel> _channels;
    private readonly Inventory.InventoryClient? _inventory;
    private readonly Payment.PaymentClient? _payment;
    private readonly Dictionary<string, Notify.NotifyClient> _receivers;
    private readonly TimeSpan _timeout;

    public GrpcStepClient(ServiceOptions options)
    {
        _timeout = options.CallTimeout;
        _channels = options.Downstream.ToDictionary(d => d.Key, d => GrpcChannel.ForAddress(d.Value, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                // Below Kestrel's keep-alive timeout (130s), as for REST.
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                ConnectTimeout = TimeSpan.FromSeconds(2),
                UseProxy = false,
            },
        }));
        _inventory = _channels.TryGetValue(Roles.Inventory, out var i) ? new Inventory.InventoryClient(i) : null;
        _payment = _channels.TryGetValue(Roles.Payment, out var p) ? new Payment.PaymentClient(p) : null;
        _receivers = _channels.Where(c => Roles.IsReceiver(c.Key)).ToDictionary(c => c.Key, c => new Notify.NotifyClient(c.Value));
    }

    public async ValueTask<PipelineResult> CallAsync(string role, StepMessage message, CancellationToken cancellationToken)
    {
        var request = new StepRequest
        {
            OrderId = message.OrderId,
            Attempt = (uint)message.Attempt,
            Payload = ByteString.CopyFrom(message.Payload ?? "", Encoding.UTF8),
        };
        var deadline = DateTime.UtcNow + _timeout;
        try
        {
            _ = role switch
            {
                Roles.Inventory => await Client(_inventory, role).ReserveAsync(request, deadline: deadline, cancellationToken: cancellationToken),
                Roles.Payment => await Client(_payment, role).ChargeAsync(request, deadline: deadline, cancellationToken: cancellationToken),
                _ when Roles.IsReceiver(role) => await Client(_receivers.GetValueOrDefault(role), role).SendAsync(request, deadline: deadline, cancellationToken: cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a step role"),
            };
            return PipelineResult.Ok;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return new PipelineResult(PipelineFailure.Timeout, role, $"{role} did not answer within {_timeout}");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            return new PipelineResult(PipelineFailure.Unavailable, role, $"{role}: {e.Status.Detail}");
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new PipelineResult(PipelineFailure.DownstreamError, role, $"{role}: {e.StatusCode} {e.Status.Detail}");
        }
    }

    private static T Client<T>(T? client, string role) where T : class =>
        client ?? throw new InvalidOperationException($"no downstream address configured for {role}");

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
