using ArchLab.Load.Bench;

// ceiling: the closed-model engine's requests per second against wrk's, on the same no-op endpoint.
// accuracy: the open model's send delay at a fixed rate. serve: the no-op endpoint (run as a child process).
var arguments = BenchArguments.Parse(args);
return arguments.Command switch
{
    "serve" => await NoopServer.RunAsync(),
    "ceiling" => await CeilingBenchmark.RunAsync(arguments),
    "accuracy" => await AccuracyBenchmark.RunAsync(arguments),
    "proxy" => await ProxyBenchmark.RunAsync(arguments),
    _ => BenchArguments.Usage(),
};
