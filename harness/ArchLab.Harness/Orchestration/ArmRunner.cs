using System.Diagnostics;
using System.Security.Cryptography;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Agents;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Consistency;
using ArchLab.Harness.Devices;
using ArchLab.Harness.Faults;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Links;
using ArchLab.Harness.Load;
using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Queueing;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Harness.Model.Tracing;
using ArchLab.Harness.Parts;
using ArchLab.Harness.Rabbit;
using ArchLab.Harness.Results;
using ArchLab.Harness.Samplers;
using ArchLab.Harness.Tracing;
using ArchLab.Load;
using ArchLab.Load.Engine;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Harness.Orchestration;

/// <summary>
/// Runs one arm from nothing back to nothing: broker and topology if the style needs them, the role
/// processes, priming, warm-up and load with the fault timeline beside it, the drain, then everything
/// stopped and the ledgers checked against what the caller saw and what the broker counted.
/// </summary>
public static class ArmRunner
{
    public static async Task<ArmOutcome> RunAsync(
        Scenario scenario, ArmSpec arm, RunFolder folder, RunOptions options, IProgress<ArmProgress>? progress, CancellationToken cancellationToken,
        RunLog? log = null)
    {
        log ??= RunLog.None;
        if (arm.Transport is not null)
        {
            return await TransportArms.TransportArmRunner.RunAsync(scenario, arm, folder, options, progress, log, cancellationToken);
        }

        void Log(string message) => log.Write(arm.Name, message);
        var planned = scenario.Load.Warmup + scenario.Load.Duration;
        progress?.Report(new ArmProgress(arm.Name, ArmPhase.Starting, TimeSpan.Zero, planned));
        await using var resources = new ResourceSampler();
        resources.Track(ArmMetrics.HarnessProcess, Environment.ProcessId, countFromNow: true);
        var receivers = scenario.ReceiversOf(arm);
        await using var broker = Styles.NeedsBroker(arm.Style) ? await StartBrokerAsync(arm, TimelineGrid.For(scenario.Load.Duration), receivers, folder, options, resources, cancellationToken, scenario) : null;
        await using var rabbit = Styles.NeedsRabbit(arm.Style)
            ? await RabbitArmBroker.StartAsync(arm, receivers, options.Rabbit, TimelineGrid.For(scenario.Load.Duration), Log, cancellationToken)
            : null;
        var sampler = broker?.Sampler ?? rabbit?.Sampler;
        if (rabbit is not null)
        {
            resources.Track("rabbitmq", rabbit.Node.Pid);
        }

        Log(rabbit is not null ? $"rabbitmq {rabbit.Node.Version} node {rabbit.Node.NodeName} at {rabbit.Url}, {rabbit.TopologyKeys} queue arguments"
            : broker is null ? "no broker" : $"broker {broker.Server.Kind} {broker.Server.Version} at {broker.Server.ClientUrl}");
        ArmFaults.Validate(scenario, arm, broker?.Server, rabbit is not null);
        using var control = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var nonce = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var primeNonce = nonce ^ 0x80000000u;
        LoadReport report;
        DrainOutcome drain;
        PrimeOutcome prime;
        IReadOnlyList<FaultRecord> faults;
        IReadOnlyList<RoleIncident> incidents;
        long measureStart;
        double? edgeCpuSec;
        double? loadCpuSec;
        IReadOnlyList<ReadBack>? reads = null;
        ArmDevices? devices = null;
        MovingParts parts;
        AgentRun? agents = null;
        IReadOnlyList<PlacedRole>? placed = null;
        var interrupted = false;
        // The proxy outlives the roles: they are stopped while it still forwards, as their own connections close.
        var connections = ArmFaults.Connections(scenario, arm);
        await using var links = connections.Count > 0 ? new ProxyLinks(connections, scenario.Seed) : null;
        if (links is not null)
        {
            Log($"through the fault proxy: {string.Join(", ", connections.Select(c => ProxyLinks.NameOf(c.Dialer, c.Listener)))}");
        }

        await using (var services = await ArmServices.StartAsync(scenario, arm, folder, rabbit?.Url.ToString() ?? broker?.Server.ClientUrl, options, resources,
            links is null ? DirectLinks.Instance : links, cancellationToken))
        {
            Log($"roles ready: {string.Join(", ", services.RoleNames.Select(r => $"{r} pid {services.ProcessOf(r).Pid} on {services.AddressOf(r).Authority}"
                + (services.AgentOf(r) is { } agent ? $" (agent {agent})" : "")))}");
            placed = services.Placed();
            // Progress is the slowest receiver's; each reader follows the files on its own.
            CompletionTail? Completion() => arm.Ledger
                ? new CompletionTail([.. Roles.Receivers(receivers).Select(services.EffectsOf)])
                : null;
            var orders = new Uri(services.EdgeAddress, "/orders");
            using (var primer = new HttpLoadTarget(new HttpTargetOptions { Url = orders, Body = OrderBodies.Create(primeNonce, scenario.Workflow.Payload.Bytes) }))
            {
                prime = await Primer.PrimeAsync(primer, scenario.Load.Prime, Completion(), cancellationToken);
            }

            Log($"primed: {prime.Accepted} of {prime.Sent} accepted, {prime.Completed} completed in {prime.Elapsed.TotalMilliseconds:0} ms");
            // Read now: every process is up and every consumer subscribed, and no fault has touched them yet.
            parts = await PartsReading.ReadAsync(arm.Style, services, broker?.Server, broker?.TopologyKeys ?? rabbit?.TopologyKeys ?? 0, cancellationToken);
            using var target = new HttpLoadTarget(new HttpTargetOptions
            {
                Url = orders,
                Body = OrderBodies.Create(nonce, scenario.Workflow.Payload.Bytes),
                // A traced arm's caller starts each order's trace: the edge's server span is its child.
                PerRequestHeader = arm.Tracing == TracingMode.Off ? null : new SeqHeader("traceparent", seq => TraceIds.TraceparentOf(new OrderId(nonce, seq))),
            });
            // With a read side, the caller reads each accepted order back; the reads never take a load slot.
            using var readBacks = scenario.Load.ReadAfter is { } readAfter
                ? new ReadBacks(target, services.EdgeAddress, readAfter, seq => new OrderId(nonce, seq))
                : null;
            // The pages are open and following before the first order of the load.
            await using var fleet = arm.Devices is { } pages
                ? await DeviceFleet.OpenAsync(pages, broker?.Server, services.EdgeAddress, links is null ? DirectLinks.Instance : links, folder.ArmLogs(arm.Name), cancellationToken)
                : null;
            if (fleet is not null)
            {
                Log($"{fleet.Spec.Pages} device pages ready ({fleet.Spec.ViaName}) in chromium pid {fleet.BrowserPid}");
            }

            await (rabbit?.BeforeKillsAsync(scenario, cancellationToken) ?? Task.CompletedTask);
            var loadOptions = LoadOptionsFor(scenario, arm, folder) with { ProgressEvery = options.ProgressEvery };
            var openFaults = new OpenFaults();
            var probe = new LiveProbe(Completion(), sampler, openFaults);
            // A role on another host cannot be read from this machine's /proc: its CPU is not counted.
            var edge = services.ProcessOf(Roles.Edge) is { IsLocal: true } local ? local.Pid : -1;
            var edgeCpuBefore = edge < 0 ? null : ProcUsage.Read(edge)?.CpuSec;
            var live = new LoadProgressAdapter(arm.Name, progress, probe);
            Task<LoadReport> load;
            if (options.Agents is { } pool)
            {
                agents = await pool.StartAsync(arm.Name, loadOptions, new AgentTarget(orders, nonce, scenario.Workflow.Payload.Bytes, arm.Tracing != TracingMode.Off), live, cancellationToken);
                Log($"load on {pool.Agents.Count} agents: {string.Join(", ", pool.Agents.Select(a => $"{a.Name} on {a.Host} pid {a.Pid}"))}");
                measureStart = agents.MeasureStartTimestamp;
                load = agents.FinishAsync(folder.Path, cancellationToken);
            }
            else
            {
                var engine = new LoadEngine(loadOptions, (ILoadTarget?)readBacks ?? target);
                load = engine.RunAsync(live, cancellationToken);
                measureStart = engine.MeasureStartTimestamp!.Value;
            }

            // Read when the measured window opens: what the warm-up cost (the first calls of every code path, compiled
            // then) is not the cost of an order.
            var rolesAtStart = RolesCpu.AtAsync(services, measureStart, cancellationToken);
            var timeline = FaultTimeline.RunAsync(ArmFaults.Schedule(scenario, arm, services, broker?.Server, resources, nonce, control, links, broker?.Stores, broker?.Sampler, rabbit?.Node), measureStart, cancellationToken, openFaults);
            try
            {
                report = await load;
            }
            catch (LoadInterruptedException stopped)
            {
                // What the caller saw until the interrupt is kept; the drain and the ledger check are not waited for.
                report = stopped.Partial;
                interrupted = true;
            }

            edgeCpuSec = edge >= 0 && services.ProcessOf(Roles.Edge).Pid == edge && ProcUsage.Read(edge)?.CpuSec is { } edgeCpuAfter ? edgeCpuAfter - edgeCpuBefore : null;
            var rolesBefore = await rolesAtStart;
            loadCpuSec = RolesCpu.Now(services) is { } rolesAfter && rolesBefore is not null && rolesAfter.Pids.SequenceEqual(rolesBefore.Value.Pids)
                ? rolesAfter.CpuSec - rolesBefore.Value.CpuSec
                : null;
            Log($"load {(interrupted ? "interrupted" : "done")}: offered {report.Counts.Offered}, accepted {report.Counts.Accepted}, errors {report.Counts.Errors}, dropped {report.Counts.DroppedByGenerator}");
            if (interrupted)
            {
                await timeline.ContinueWith(static _ => { }, TaskScheduler.Default); // the faults' own cancellation, observed
                return Interrupted(arm, report, resources, broker?.Server.Version, prime) with { MovingParts = parts };
            }

            // A window that outlasts the load still closes (a restart, a resume) before the drain waits on its effects.
            faults = await timeline;
            reads = readBacks is null ? null : await readBacks.FinishAsync(readBacks.After + TimeSpan.FromSeconds(5), cancellationToken);
            foreach (var fault in faults)
            {
                Log($"fault {fault.Window.Kind} {fault.Window.Target}{(fault.Resolved is null ? "" : $" ({fault.Resolved})")}: {fault.Window.StartSec:0.000}s to {fault.Window.EndSec?.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) ?? "end"}{(fault.Problem is null ? "" : ": " + fault.Problem)}");
            }

            var accepted = report.Counts.Accepted + report.WarmupCounts.Accepted + prime.Completed;
            drain = await DrainWatcher.WaitAsync(accepted, Completion(), sampler, scenario.Load.Drain,
                new Progress<(long Completed, long? Backlog)>(p => progress?.Report(new ArmProgress(arm.Name, ArmPhase.Draining, planned, planned,
                    report.Counts.Offered, report.Counts.Accepted, report.Counts.Errors, report.Counts.DroppedByGenerator, Completed: p.Completed, Backlog: p.Backlog))),
                cancellationToken);
            Log($"drained in {drain.Elapsed.TotalMilliseconds:0} ms{(drain.TimedOut ? " (limit reached)" : "")}, backlog {drain.FinalBacklog?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}");
            if (fleet is not null && report.Files.CallLog is { } deviceCalls)
            {
                var notify = StepCodes.Of(Roles.Receivers(receivers)[0]);
                devices = await fleet.FinishAsync(folder.Ledgers(arm.Name, receivers)[notify], notify, CallLog.Read(deviceCalls), nonce,
                    (report.MeasureStartTimestamp, Stopwatch.GetTimestamp()), cancellationToken);
                Log($"devices: {devices.Shown} of {devices.Updates} updates shown, {devices.Missed} missed, {devices.Duplicates} duplicates, " +
                    $"delay p50 {devices.DelayMs?.P50.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} ms, {devices.Requests} requests; {fleet.MalformedReports} malformed reports");
            }
            incidents = services.Incidents;
        }

        Log("roles stopped");
        // Stopped roles have flushed their spans: what the collector holds now is the arm's.
        var tracing = await TracesOfAsync(arm, options.Traces, folder, report, nonce, receivers, cancellationToken);
        if (tracing is not null)
        {
            Log($"traces: {tracing.Spans} spans in {tracing.Traces} traces; {tracing.CompleteShare:P1} of {tracing.Orders} orders in one tree from the caller");
        }

        progress?.Report(new ArmProgress(arm.Name, ArmPhase.Checking, planned, planned));
        var end = Stopwatch.GetTimestamp();
        var final = sampler is not null ? await sampler.SampleNowAsync(cancellationToken) ?? sampler.Latest : null;
        var deadLettered = arm.Style == Styles.JetStream && broker is not null ? await DeadLetters.ReadAsync(broker.Server.ClientUrl, cancellationToken)
            : rabbit is not null ? await rabbit.DeadLetteredAsync(cancellationToken)
            : null;
        // A RabbitMQ arm's queues are read message by message once its roles have stopped: what they still hold is pending.
        var rabbitHeld = rabbit is null ? null : await rabbit.HeldAsync(cancellationToken);
        var stillHolds = rabbit is not null ? rabbitHeld is not { Count: 0 } : (final?.Backlog ?? drain.FinalBacklog) > 0;
        var held = rabbitHeld ?? (stillHolds && arm.Style == Styles.JetStream && broker is not null ? await DeadLetters.HeldAsync(broker.Server.ClientUrl, cancellationToken) : null);
        var grid = TimelineGrid.For(scenario.Load.Duration);
        var check = arm.Ledger && report.Files.CallLog is { } callLog
            ? LedgerChecker.Check(
                new CheckInput(nonce, folder.Ledgers(arm.Name, receivers), Roles.Receivers(receivers).Select(StepCodes.Of).ToHashSet(), report.MeasureStartTimestamp,
                    BrokerStillHolds: stillHolds, Path.Combine(folder.Path, $"{arm.Name}.completion.hlog"), primeNonce)
                {
                    DeadLettered = deadLettered,
                    Held = held,
                    MaxAge = arm.JetStream?.MaxAge ?? arm.RabbitMq?.MaxAge,
                    EndTimestamp = end,
                    Grid = grid,
                },
                CallLog.Read(callLog).Select(ToCallerRecord))
            : null;
        // A stream's sequence numbers against the ledger; RabbitMQ's queues have none to compare.
        var reconciliation = final is not null && check is not null && rabbit is null
            ? Reconciliation.Check(final, report.Counts.Accepted + report.WarmupCounts.Accepted + prime.Accepted, check.DistinctByStep)
            : null;

        Log(check is null ? "no ledger check" : $"checked: {check.Accounting.Detail}");
        // Up to the broker's final reading: the drain can end with nothing completing (the rest expired), and without
        // that reading the timeline would stop at a backlog still high, with no drain time to show.
        var finalInterval = final is null ? 0 : grid.IndexOf(Stopwatch.GetElapsedTime(report.MeasureStartTimestamp).TotalSeconds) + 1;
        var intervals = Math.Max(Math.Max(report.Timeline.Count, check?.Books.Completions.Count ?? 0), finalInterval);
        return new ArmOutcome(arm, report, check, drain, resources.Snapshot(),
            sampler?.BacklogPerInterval(report.MeasureStartTimestamp, grid, intervals),
            sampler?.PeakBacklog, broker?.Server.Version ?? rabbit?.Node.Version, prime)
        {
            Faults = faults,
            Incidents = incidents.Select(i => Crash(i, measureStart)).ToList(),
            Reconciliation = reconciliation,
            FanOut = FanOutAnalysis.Analyse(scenario, arm, report.Latency.Accept, check?.Completion, edgeCpuSec,
                report.Counts.Sent + report.WarmupCounts.Sent),
            Theory = StationTheory.For(scenario, arm),
            ServiceTimes = check is null ? null : ServiceTimeScan.Read(folder.Ledgers(arm.Name, receivers), role => scenario.CostOf(arm, role)),
            MovingParts = parts,
            Tracing = tracing,
            Consistency = reads is not null && scenario.Load.ReadAfter is { } after && report.Files.CallLog is { } calls
                ? ConsistencyFigures.Of(after, reads, CallLog.Read(calls), ConsistencyFigures.Shown(Path.Combine(folder.ArmLedgers(arm.Name), StepCodes.ReadModelFile), nonce))
                : null,
            Devices = devices,
            Agents = agents?.Figures(),
            Placed = placed,
            CpuMsPerOrder = loadCpuSec is { } cpu && report.Counts.Sent is > 0 and var sent
                ? Math.Round(cpu * 1000 / sent, 4)
                : null,
        };
    }

    /// <summary>Takes the arm's spans from the run's collector, writes them next to the results, and figures them; null when the arm does not trace.</summary>
    private static async Task<ArmTracing?> TracesOfAsync(
        ArmSpec arm, TraceCollector? traces, RunFolder folder, LoadReport report, uint nonce, int receivers, CancellationToken cancellationToken)
    {
        if (arm.Tracing == TracingMode.Off || traces is null)
        {
            return null;
        }

        var spans = traces.Take();
        await SpanFile.WriteAsync(Path.Combine(folder.Path, SpanFile.FileName(arm.Name)), spans, cancellationToken);
        var orders = report.Files.CallLog is { } callLog
            ? CallLog.Read(callLog).Where(c => !c.Warmup && c.Kind == OutcomeKind.Accepted).Select(c => new OrderId(nonce, c.Seq)).ToList()
            : [];
        var receiverRoles = Roles.Receivers(receivers).ToHashSet(StringComparer.Ordinal);
        return TraceFigures.Of(arm.Tracing == TracingMode.On ? "on" : "unpropagated", spans, orders, Roles.AllOf(receivers), receiverRoles);
    }

    /// <summary>An arm stopped during its load: the caller's figures until then, no drain, no ledger check.</summary>
    private static ArmOutcome Interrupted(ArmSpec arm, LoadReport report, ResourceSampler resources, string? brokerVersion, PrimeOutcome prime) =>
        new(arm, report, Check: null, new DrainOutcome(TimeSpan.Zero, FinalBacklog: null, TimedOut: false), resources.Snapshot(), Backlog: null,
            PeakBacklog: null, brokerVersion, prime)
        {
            Interrupted = true,
        };

    internal static async Task<ArmBroker> StartBrokerAsync(
        ArmSpec arm, TimelineGrid grid, int receivers, RunFolder folder, RunOptions options, ResourceSampler resources, CancellationToken cancellationToken, Scenario? scenario = null)
    {
        // Under a power-loss fault the store is on the lazy filesystem, mounted before the server starts on it.
        var stores = scenario is not null && options.Broker.ExternalUrl is null
            ? LazyStores.MountFor(scenario, arm, folder.BrokerStore(arm.Name), Path.Combine(folder.Path, "broker-backing", arm.Name))
            : null;
        IBroker server;
        try
        {
            server = await BrokerProvider.StartAsync(options.Broker, folder.BrokerStore(arm.Name), Path.Combine(folder.ArmLogs(arm.Name), "nats-server.log"), cancellationToken,
                webSocket: arm.Devices?.Pushed == true, nodes: arm.Nodes, syncInterval: arm.JetStream?.SyncInterval);
        }
        catch
        {
            stores?.Dispose();
            throw;
        }

        try
        {
            if (server.Pid is { } pid)
            {
                resources.Track("nats-server", pid);
            }

            if (server is LocalNatsCluster cluster)
            {
                for (var i = 0; i < cluster.Nodes.Count; i++)
                {
                    resources.Track($"nats-server {LocalNatsCluster.NodeName(i)}", cluster.Nodes[i].Process.Pid);
                }
            }

            var devicesKeys = arm.Devices?.Via == DeviceChannel.JetStream ? await JetStreamTopology.CreateDevicesStreamAsync(server.ClientUrl, cancellationToken) : 0;
            if (arm.Style != Styles.JetStream)
            {
                return new ArmBroker(server, null, TopologyKeys: devicesKeys) { Stores = stores };
            }

            var keys = devicesKeys + await JetStreamTopology.CreateForAsync(server.ClientUrl, arm, receivers, cancellationToken);
            IReadOnlyList<(string Url, string? Name)> monitoring = server is LocalNatsCluster nodes ? nodes.MonitoringNodes : server.MonitoringUrl is { } one ? [(one, null)] : [];
            return new ArmBroker(server, monitoring.Count > 0 ? new BrokerSampler(monitoring, Subjects.OrdersStream, grid.BacklogSamplePeriod) : null, keys) { Stores = stores };
        }
        catch
        {
            await server.DisposeAsync();
            stores?.Dispose();
            throw;
        }
    }

    private static Model.Results.FaultWindow Crash(RoleIncident incident, long measureStart) => new(
        "crash",
        incident.Role,
        Math.Round(Stopwatch.GetElapsedTime(measureStart, incident.ExitedAt).TotalSeconds, 3),
        incident.BackAt is { } back ? Math.Round(Stopwatch.GetElapsedTime(measureStart, back).TotalSeconds, 3) : null);

    private static CallerRecord ToCallerRecord(CallRecord call) => new(
        call.Seq,
        call.Intended,
        call.Kind == OutcomeKind.Accepted ? CallerOutcome.Accepted : call.Sent == 0 ? CallerOutcome.NotSent : CallerOutcome.NotAccepted,
        call.Warmup,
        call.Done);

    internal static LoadOptions LoadOptionsFor(Scenario scenario, ArmSpec arm, RunFolder folder)
    {
        var load = scenario.Load;
        return new LoadOptions
        {
            Model = load.Model == Model.Scenarios.LoadModel.Closed ? ArchLab.Load.LoadModel.Closed : ArchLab.Load.LoadModel.Open,
            Arrival = load.Arrival == Arrival.Poisson ? ArrivalProcess.Poisson : ArrivalProcess.Constant,
            RatePerSec = load.Rate.PerSec,
            RampFromPerSec = load.RampFrom?.PerSec,
            RampFor = load.RampFor,
            Duration = load.Duration,
            Warmup = load.Warmup,
            Users = load.Users,
            Think = load.Think,
            MaxInFlight = load.MaxInFlight,
            Timeout = load.Timeout,
            Seed = scenario.Seed,
            Bursts = RateProfile.Windows(scenario),
            Interval = TimelineGrid.For(load.Duration).Interval,
            OutputDirectory = folder.Path,
            FilePrefix = arm.Name,
        };
    }

    /// <summary>The broker of an arm and its sampler, stopped together, and the settings its topology was given.</summary>
    internal sealed class ArmBroker(IBroker server, BrokerSampler? sampler, int TopologyKeys) : IAsyncDisposable
    {
        public IBroker Server { get; } = server;

        public int TopologyKeys { get; } = TopologyKeys;

        public BrokerSampler? Sampler { get; } = sampler;

        /// <summary>The store on the lazy filesystem, under a power-loss fault; null otherwise.</summary>
        public LazyStores? Stores { get; init; }

        public async ValueTask DisposeAsync()
        {
            if (Sampler is not null)
            {
                await Sampler.DisposeAsync();
            }

            await Server.DisposeAsync();
            Stores?.Dispose(); // after the server: nothing uses the files any more
        }
    }
}
