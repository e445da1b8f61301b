using ArchLab.Load.Bench;

// ceiling: the closed-model engine's requests per second against wrk's, on the same no-op endpoint.
// accuracy: the open model's send delay at a fixed rate. faults: how close fault windows come to their requested bounds. serve: the no-op endpoint (run as a child process). reports: time to write every report of a large run.
// simulate: the simulator's engine speed, its M/M/1 accuracy and the time of a scenario at 100x its quick rate.
// service-time: whether a step waits what its scenario says (the precise timer), and what the timer costs.
// harness-cost: the CPU the harness itself spends per request at given open-model rates, beside the no-op server's.
// agents: the closed-model rate of the engine in this process against 1, 2 and 3 load agents (archlab agent processes) on loopback.
// proxy: the fault proxy's cost, in this process and in its own (relay: that child), beside socat.
// nats: the harness's NATS publish and request rates against a minimal NATS.Client.Core loop; nats-respond: its responder (a child process).
// rabbitmq: the harness's RabbitMQ confirmed publish and direct reply-to request against a minimal RabbitMQ.Client loop; rabbit-respond: its responder.
var arguments = BenchArguments.Parse(args);
return arguments.Command switch
{
    "serve" => await NoopServer.RunAsync(),
    "ceiling" => await CeilingBenchmark.RunAsync(arguments),
    "accuracy" => await AccuracyBenchmark.RunAsync(arguments),
    "faults" => await FaultTimingBenchmark.RunAsync(),
    "proxy" => await ProxyBenchmark.RunAsync(arguments),
    "reports" => await ReportsBenchmark.RunAsync(arguments),
    "simulate" => await SimulationBenchmark.RunAsync(arguments),
    "nats" => await NatsBenchmark.RunAsync(arguments),
    "agents" => await AgentsBenchmark.RunAsync(arguments),
    "harness-cost" => await HarnessCostBenchmark.RunAsync(arguments),
    "service-time" => await ServiceTimeBenchmark.RunAsync(arguments),
    "nats-respond" => await NatsResponder.RunAsync(arguments.Text("url", ""), arguments.Text("subject", "")),
    "rabbitmq" => await RabbitBenchmark.RunAsync(arguments),
    "rabbit-respond" => await RabbitResponder.RunAsync(arguments.Text("url", ""), arguments.Text("queue", "")),
    "relay" => await ProxyRelay.RunAsync(arguments.Text("upstream", "")),
    _ => BenchArguments.Usage(),
};
