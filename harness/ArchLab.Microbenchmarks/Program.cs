using ArchLab.Microbenchmarks.RoundTrip;
using ArchLab.Microbenchmarks.Running;
using ArchLab.Microbenchmarks.Serialization;

// Serialization per payload size (JSON source-generated vs protobuf), and one small message's round trip
// over each hop (direct call, channel, HTTP/1.1, gRPC, NATS request-reply). Exit 0: all ran; 1: one failed; 2: bad usage.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return BenchRunner.BadUsage;
}

return BenchRunner.Run(options, [typeof(SerializationBenchmarks), typeof(RoundTripBenchmarks)]);
