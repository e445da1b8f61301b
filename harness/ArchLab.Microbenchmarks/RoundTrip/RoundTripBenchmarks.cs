using ArchLab.Contracts.Grpc;
using ArchLab.Contracts.Messages;
using ArchLab.Microbenchmarks.Serialization;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;

namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>
/// One small message (64 B of payload) to the echo handler and back, one at a time, over each hop.
/// The direct call is the baseline; the channel hop passes references; HTTP, gRPC and NATS serialize
/// as their styles do. Each benchmark sets up only its own hop; all servers but nats-server are in-process.
/// </summary>
public class RoundTripBenchmarks
{
    private const int PayloadBytes = 64;

    private readonly StepMessage _message = new(SamplePayloads.OrderId, 1, SamplePayloads.Text(PayloadBytes));
    private IRoundTrip? _hop;

    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel() => _hop = new ChannelHop(_message);

    [GlobalSetup(Target = nameof(Http11))]
    public void SetupHttp() => _hop = HttpLoopback.StartAsync(_message).GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(GrpcUnary))]
    public void SetupGrpc() => _hop = GrpcLoopback.StartAsync(new StepRequest
    {
        OrderId = SamplePayloads.OrderId,
        Attempt = 1,
        Payload = ByteString.CopyFrom(SamplePayloads.Bytes(PayloadBytes)),
    }).GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(NatsRequestReply))]
    public void SetupNats() => _hop = RoundTrip.NatsRequestReply.StartAsync(_message).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _hop?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _hop = null;
    }

    [Benchmark(Baseline = true)]
    public StepDone DirectCall() => EchoHandler.Handle(_message);

    [Benchmark]
    public ValueTask<string> Channel() => _hop!.RoundTripAsync();

    [Benchmark]
    public ValueTask<string> Http11() => _hop!.RoundTripAsync();

    [Benchmark]
    public ValueTask<string> GrpcUnary() => _hop!.RoundTripAsync();

    [Benchmark]
    public ValueTask<string> NatsRequestReply() => _hop!.RoundTripAsync();
}
