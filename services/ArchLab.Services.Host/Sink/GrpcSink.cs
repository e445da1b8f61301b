using ArchLab.Contracts.Transport;
using Grpc.Core;

namespace ArchLab.Services.Host.Sink;

/// <summary>The gRPC no-op: answers every call at once with the caller's sequence number.</summary>
public sealed class GrpcSink : ArchLab.Contracts.Transport.Sink.SinkBase
{
    public override Task<NoopReply> Noop(NoopRequest request, ServerCallContext context) =>
        Task.FromResult(new NoopReply { Seq = request.Seq });
}
