using System.ComponentModel;
using ArchLab.Cli.Terminal;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Dashboard;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class RunSettings : CommandSettings
{
    [CommandArgument(0, "[scenario]")]
    [Description("A scenario name from scenarios/ (e.g. async-offload) or a path to a .yaml file.")]
    public string? Scenario { get; init; }

    [CommandOption("--suite <PROFILE>")]
    [Description("Run every scenario of scenarios/ with this profile (e.g. quick) and write an index page linking their reports.")]
    public string? Suite { get; init; }

    [CommandOption("--scenarios <DIR>")]
    [Description("With --suite: the folder whose *.yaml files make the suite (default: scenarios/).")]
    public string? ScenariosFolder { get; init; }

    [CommandOption("-p|--profile <NAME>")]
    [Description("Apply a profile of the scenario, e.g. quick.")]
    public string? Profile { get; init; }

    [CommandOption("--arms <LIST>")]
    [Description("Run only these arms, comma-separated, in this order.")]
    public string? Arms { get; init; }

    [CommandOption("--rate <RATE>")]
    [Description("Override load.rate, e.g. 500/s.")]
    public string? Rate { get; init; }

    [CommandOption("--duration <DURATION>")]
    [Description("Override load.duration (the measured window), e.g. 30s.")]
    public string? Duration { get; init; }

    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override any field by its path, e.g. --set workflow.steps.payment.workers=2. Repeatable.")]
    public string[] Set { get; init; } = [];

    [CommandOption("--fault <SPEC>")]
    [Description("Add a fault to the timeline, e.g. --fault at=5s,for=3s,pause=payment. Repeatable.")]
    public string[] Fault { get; init; } = [];

    [CommandOption("--seed <N>")]
    [Description("Override the scenario's seed.")]
    public int? Seed { get; init; }

    [CommandOption("-o|--output <DIR>")]
    [Description("Write the run into this folder instead of a new one under reports/runs/.")]
    public string? Output { get; init; }

    [CommandOption("--nats-url <URL>")]
    [Description("Use this NATS server instead of starting one.")]
    public string? NatsUrl { get; init; }

    [CommandOption("--nats-monitor-url <URL>")]
    [Description("Monitoring endpoint of the --nats-url server (for backlog figures).")]
    public string? NatsMonitorUrl { get; init; }

    [CommandOption("--otlp-endpoint <URL>")]
    [Description("Also send the spans of traced arms (tracing: on) to this OTLP/HTTP collector, e.g. http://127.0.0.1:4318 (Jaeger, the OpenTelemetry Collector).")]
    public string? OtlpEndpoint { get; init; }

    [CommandOption("--dashboard")]
    [Description("Serve a live dashboard on loopback (its URL is printed): every arm's rates, accept p99, errors, backlog and fault windows, four times a second; after the run, its final state and the report.")]
    public bool Dashboard { get; init; }

    [CommandOption("--dashboard-port <PORT>")]
    [Description("The dashboard's loopback port (default: one the system chooses).")]
    public int DashboardPort { get; init; }

    [CommandOption("--dashboard-linger <DURATION>")]
    [Description("How long the dashboard keeps serving after the run (default: until Enter or Ctrl-C at a terminal, not at all otherwise).")]
    public string? DashboardLinger { get; init; }

    [CommandOption("--needs-broker")]
    [Description("Run nothing: exit 0 when an arm of this run needs a nats-server, 1 when none does (the ./archlab wrapper asks before it installs one).")]
    public bool NeedsBroker { get; init; }

    [CommandOption("--needs-rabbitmq")]
    [Description("Run nothing: exit 0 when an arm of this run needs RabbitMQ, 1 when none does (the ./archlab wrapper asks before it installs rabbitmq-server).")]
    public bool NeedsRabbitMq { get; init; }

    [CommandOption("--needs-browser")]
    [Description("Run nothing: exit 0 when an arm of this run opens browser pages (devices), 1 when none does (the ./archlab wrapper asks before it installs Chromium and the NATS WebSocket client).")]
    public bool NeedsBrowser { get; init; }

    [CommandOption("--agents <N>")]
    [Description("Split each arm's load across N load agents (overrides load.agents): started on this machine, or found at --agents-url.")]
    public int? Agents { get; init; }

    [CommandOption("--agents-url <URL>")]
    [Description("The NATS server where load agents wait (archlab agent --nats-url URL on each host); with it the run refuses to start unless --agents (or load.agents) of them answer.")]
    public string? AgentsUrl { get; init; }

    [CommandOption("--place <ROLE=AGENT>")]
    [Description("Run a role of every arm on a load agent (its host), e.g. --place payment=host-b; the agent must answer at --agents-url (or be one of this machine's --agents, local-1 .. local-N). Repeatable.")]
    public string[] Place { get; init; } = [];

    [CommandOption("--advertise <IP>")]
    [Description("The address of this machine that roles placed on other hosts reach its roles at; they listen on it. Default: 127.0.0.1.")]
    public string? Advertise { get; init; }

    [CommandOption("-q|--quiet")]
    [Description("No live view or progress lines; only the summary.")]
    public bool Quiet { get; init; }

    [CommandOption("--with-sim")]
    [Description("After the run, simulate the same scenario and add the simulated arms (<arm>~sim) to the same results and report.")]
    public bool WithSim { get; init; }

    [CommandOption("--json")]
    [Description("Print results.json on standard output (progress and summary go to standard error).")]
    public bool Json { get; init; }
}

/// <summary><c>archlab run</c>: load the scenario, run every arm, show the summary, exit non-zero if an expectation failed.
/// With <c>--suite</c>, every scenario in turn, then the suite's index page.</summary>
public sealed class RunCommand : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        if (settings.NeedsBroker)
        {
            return BrokerNeed.Of(settings) ? BrokerNeed.Needed : BrokerNeed.NotNeeded;
        }

        if (settings.NeedsRabbitMq)
        {
            return BrokerNeed.RabbitOf(settings) ? BrokerNeed.Needed : BrokerNeed.NotNeeded;
        }

        if (settings.NeedsBrowser)
        {
            return BrokerNeed.BrowserOf(settings) ? BrokerNeed.Needed : BrokerNeed.NotNeeded;
        }

        if (settings.Suite is { } profile)
        {
            return settings.Scenario is null
                ? await SuiteRun.ExecuteAsync(profile, settings, cancellationToken)
                : throw new UsageException("give a scenario or --suite, not both");
        }

        var scenario = ScenarioLoader.Load(Workspace.ResolveScenario(settings.Scenario ?? throw new UsageException("which scenario? e.g. archlab run async-offload, or --suite quick")),
            Overrides(settings, settings.Profile));
        await using var dashboard = settings.Dashboard ? await StartDashboardAsync(settings, cancellationToken) : null;
        dashboard?.Begin(scenario);
        var outcome = await RunAsync(scenario, settings, settings.Output, cancellationToken, dashboard);
        var results = settings.WithSim ? await Simulation.SimulatedRuns.AddToRunAsync(scenario, outcome, settings.Json ? Consoles.Error : AnsiConsole.Console, cancellationToken) : outcome.Results;
        if (dashboard is not null)
        {
            dashboard.Complete(results, outcome.Folder.Path);
            await LingerAsync(settings, dashboard, cancellationToken);
        }

        return Passed(results) ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }

    /// <summary>Starts the live dashboard and says where it is.</summary>
    public static async Task<LiveDashboard> StartDashboardAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        if (settings.DashboardPort is < 0 or > 65535)
        {
            throw new UsageException($"--dashboard-port expects a port from 0 to 65535, got {settings.DashboardPort}");
        }

        var dashboard = await LiveDashboard.StartAsync(settings.DashboardPort, cancellationToken);
        (settings.Json ? Consoles.Error : AnsiConsole.Console).MarkupLine($"[bold]live dashboard:[/] {Markup.Escape(dashboard.Address.ToString())}");
        return dashboard;
    }

    /// <summary>After the run the dashboard shows how it ended and serves the report: for --dashboard-linger, else until Enter or Ctrl-C at a terminal.</summary>
    public static async Task LingerAsync(RunSettings settings, LiveDashboard dashboard, CancellationToken cancellationToken)
    {
        var console = settings.Json ? Consoles.Error : AnsiConsole.Console;
        if (settings.DashboardLinger is { } text)
        {
            if (!Units.TryParseDuration(text, out var linger, out _) || linger < TimeSpan.Zero)
            {
                throw new UsageException($"--dashboard-linger expects a duration such as 30s or 10m, got '{text}'");
            }

            console.MarkupLine($"[grey]the dashboard stays up for {Markup.Escape(text)}: {Markup.Escape(dashboard.Address.ToString())}[/]");
            await Task.Delay(linger, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            return;
        }

        if (Console.IsInputRedirected)
        {
            return;
        }

        console.MarkupLine($"[grey]the dashboard shows the final state and the report at {Markup.Escape(dashboard.Address.ToString())}; press Enter to end[/]");
        await Task.Run(Console.ReadLine, cancellationToken).WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    public static bool Passed(RunResults results) => results.Holds();

    /// <summary>The user's OTLP/HTTP collector: an absolute http:// or https:// address, or a usage error saying so.</summary>
    private static Uri? OtlpEndpointOf(string? text) =>
        text is null ? null
            : Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw new UsageException($"--otlp-endpoint expects the base address of an OTLP/HTTP collector such as http://127.0.0.1:4318, got '{text}'");

    public static ScenarioOverrides Overrides(RunSettings settings, string? profile) => new(
        profile,
        settings.Arms?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        settings.Rate,
        settings.Duration,
        settings.Set,
        settings.Seed,
        settings.Fault);

    /// <summary>One scenario: the header, the live view (or plain lines, or nothing), the summary.</summary>
    public static async Task<RunOutcome> RunAsync(Scenario scenario, RunSettings settings, string? output, CancellationToken cancellationToken, LiveDashboard? dashboard = null)
    {
        var console = settings.Json ? Consoles.Error : AnsiConsole.Console;
        if (settings.Advertise is { } advertise && !System.Net.IPAddress.TryParse(advertise, out _))
        {
            throw new UsageException($"--advertise '{advertise}': an IP address of this machine, e.g. 10.0.0.5");
        }

        await using var agents = await RunAgents.OpenAsync(scenario, settings.Agents, settings.AgentsUrl, console, cancellationToken,
            RunAgents.Placement(scenario, settings.Place), settings.NatsUrl is not null);

        var options = new RunOptions
        {
            OutputRoot = Workspace.RunsDirectory,
            OutputDirectory = output,
            Broker = new BrokerOptions(settings.NatsUrl, settings.NatsMonitorUrl),
            OtlpEndpoint = OtlpEndpointOf(settings.OtlpEndpoint),
            ProgressEvery = dashboard is null ? TimeSpan.FromSeconds(1) : LiveDashboard.ProgressEvery,
            Agents = agents?.Pool,
            Advertise = settings.Advertise ?? "127.0.0.1",
        };
        if (options.OtlpEndpoint is { } otlp && scenario.RunArms().All(a => a.Tracing == TracingMode.Off))
        {
            console.MarkupLine($"[yellow]no arm of this run traces (tracing: on): nothing will be sent to {Markup.Escape(otlp.ToString())}[/]");
        }

        console.MarkupLine($"[bold]{Markup.Escape(scenario.Title)}[/]");
        console.MarkupLine($"[grey]claim:[/] {Markup.Escape(scenario.Claim.Trim())}");
        console.MarkupLine($"[grey]watch:[/] {Markup.Escape(scenario.Watch.Trim())}");
        var writer = settings.Json ? Console.Error : Console.Out;
        var interactive = !(settings.Json ? Console.IsErrorRedirected : Console.IsOutputRedirected);
        RunOutcome outcome;
        IProgress<ArmProgress>? With(IProgress<ArmProgress>? terminal) => dashboard is null ? terminal : new DashboardProgress(dashboard, terminal);
        if (settings.Quiet)
        {
            outcome = await RunOrchestrator.RunAsync(scenario, options, With(null), cancellationToken);
        }
        else if (interactive)
        {
            var live = new LiveTable([.. scenario.RunArms().Select(a => a.Name)]);
            outcome = await console.Live(live.Table).AutoClear(false).StartAsync(async context =>
            {
                live.Attach(context);
                return await RunOrchestrator.RunAsync(scenario, options, With(live), cancellationToken);
            });
        }
        else
        {
            outcome = await RunOrchestrator.RunAsync(scenario, options, With(new ProgressPrinter(writer)), cancellationToken);
        }

        SummaryView.Write(console, outcome.Results, outcome.Folder.Path);
        if (settings.Json)
        {
            Console.Out.WriteLine(ResultsJson.Serialize(outcome.Results));
        }

        return outcome;
    }
}
