using System.Net.Sockets;
using ArchLab.Contracts.Transport;
using ArchLab.Load.Recording;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace ArchLab.Load.Targets.Transports;

/// <summary>
/// gRPC unary over cleartext HTTP/2 (Grpc.Net.Client), to the sink's <c>Sink/Noop</c>: accepted on an OK status.
/// Several HTTP/2 connections are opened when one's stream limit is reached, as a real client does. A refused
/// connection is <c>refused</c>; another status is rejected as <c>grpc_&lt;code&gt;</c> (grpc_unavailable...).
/// </summary>
public sealed class GrpcLoadTarget : ILoadTarget, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Sink.SinkClient _client;
    private readonly ByteString _padding;

    /// <param name="address">The sink, e.g. <c>http://127.0.0.1:5001</c>.</param>
    /// <param name="payloadBytes">Bytes per request besides the sequence number; at least 8 in all, as the other transports.</param>
    public GrpcLoadTarget(Uri address, int payloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadBytes, SeqPayload.MinSize);
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false },
        });
        _client = new Sink.SinkClient(_channel);
        _padding = ByteString.CopyFrom(new byte[payloadBytes - SeqPayload.MinSize]);
    }

    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        try
        {
            await _client.NoopAsync(new NoopRequest { Seq = seq, Payload = _padding }, cancellationToken: cancellationToken);
            return CallOutcome.Accepted();
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && Refused(e))
        {
            return CallOutcome.Refused;
        }
        catch (RpcException e)
        {
            return CallOutcome.Rejected(ErrorKinds.GrpcStatusBase + (int)e.StatusCode);
        }
    }

    public void Dispose() => _channel.Dispose();

    private static bool Refused(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
