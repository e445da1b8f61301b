using System.Text.Json;
using ArchLab.Contracts.Grpc;
using ArchLab.Contracts.Messages;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Google.Protobuf;

namespace ArchLab.Microbenchmarks.Serialization;

/// <summary>
/// One step message per payload size, as each style puts it on the wire: REST and NATS send
/// <see cref="StepMessage"/> as source-generated JSON, gRPC sends <see cref="StepRequest"/> as protobuf.
/// JSON is the baseline of each category, so the ratio column reads "protobuf costs x times JSON".
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class SerializationBenchmarks
{
    private StepMessage _json = null!;
    private StepRequest _proto = null!;
    private byte[] _jsonBytes = null!;
    private byte[] _protoBytes = null!;

    /// <summary>Order payload in bytes: a tiny order, a typical one, a large one.</summary>
    [Params(64, 1024, 16384)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _json = new StepMessage(SamplePayloads.OrderId, 1, SamplePayloads.Text(PayloadBytes));
        _proto = new StepRequest
        {
            OrderId = SamplePayloads.OrderId,
            Attempt = 1,
            Payload = ByteString.CopyFrom(SamplePayloads.Bytes(PayloadBytes)),
        };
        _jsonBytes = JsonSerializer.SerializeToUtf8Bytes(_json, ContractsJsonContext.Default.StepMessage);
        _protoBytes = _proto.ToByteArray();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("serialize")]
    public byte[] Json_Serialize() => JsonSerializer.SerializeToUtf8Bytes(_json, ContractsJsonContext.Default.StepMessage);

    [Benchmark, BenchmarkCategory("serialize")]
    public byte[] Protobuf_Serialize() => _proto.ToByteArray();

    [Benchmark(Baseline = true), BenchmarkCategory("deserialize")]
    public StepMessage? Json_Deserialize() => JsonSerializer.Deserialize(_jsonBytes, ContractsJsonContext.Default.StepMessage);

    [Benchmark, BenchmarkCategory("deserialize")]
    public StepRequest Protobuf_Deserialize() => StepRequest.Parser.ParseFrom(_protoBytes);
}
