using ArchLab.Cli;
using ArchLab.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

// `archlab`: wiring only. Failures become a message and an exit code, never a stack trace.
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("archlab");
    // A misspelled option (--rat 5/s) is an error, not silently ignored while the run uses the file's value.
    config.UseStrictParsing();
    config.AddCommand<ListCommand>("list").WithDescription("List the scenarios with their claim.");
    config.AddCommand<ValidateCommand>("validate").WithDescription("Check scenario files without running them.");
    config.AddCommand<RunCommand>("run").WithDescription("Run a scenario: every arm under the same load, then the summary.")
        .WithExample("run", "async-offload", "--profile", "quick");
    config.AddCommand<CapacityCommand>("capacity").WithDescription("Find the highest rate each arm sustains (an open-model search), and draw its latency-throughput curve.")
        .WithExample("capacity", "throughput", "--profile", "quick", "--slo", "accept.p99 < 50ms");
    config.AddCommand<SimulateCommand>("simulate").WithDescription("Simulate a scenario past one machine: the same file, the same results.json and reports, marked simulated.")
        .WithExample("simulate", "retention", "--profile", "quick", "--scale", "100");
    config.AddCommand<ReportCommand>("report").WithDescription("Rebuild a run's reports and charts from its results.json and latency logs.")
        .WithExample("report", "latest");
    config.AddCommand<CompareCommand>("compare").WithDescription("Compare two runs: per arm and metric, the change and a verdict.")
        .WithExample("compare", "20261127-101500-retention", "latest");
    config.AddCommand<WorkshopCommand>("workshop").WithDescription("Teach a suite: each lesson's claim and question, its run on the live dashboard, the reveal; then a slide deck of the session.")
        .WithExample("workshop", "--suite", "quick");
    config.AddCommand<BenchCommand>("bench").WithDescription("Run the BenchmarkDotNet micro-benchmarks and keep their reports in a run folder.")
        .WithExample("bench", "--filter", "*Serialization*");
    config.AddCommand<DoctorCommand>("doctor").WithDescription("Check this machine: dotnet, nats-server, ports, Docker.");
    config.AddCommand<AgentCommand>("agent").WithDescription("Wait for a run's load on NATS (run --agents-url): the load engine on another host.")
        .WithExample("agent", "--nats-url", "nats://10.0.0.5:4222");
    config.AddCommand<ProxyCommand>("proxy").WithDescription("Run the TCP fault proxy behind Toxiproxy's HTTP API until Ctrl-C.");
    config.AddCommand<LazyFsCommand>("lazyfs").WithDescription("Mount a lazy filesystem (what a power loss takes back: writes since the last fsync) and take commands on standard input.");
    config.SetExceptionHandler(Failures.Handle);
});

// A log or a pipe has no width: give tables room rather than wrapping every cell.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 140;
}

Failures.Arguments = args;
using var interrupts = new Interrupts();
return await app.RunAsync(args, interrupts.Token);
