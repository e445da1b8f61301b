using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Faults;
using ArchLab.Harness.Load;
using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Rabbit;
using ArchLab.Harness.Results;
using ArchLab.Harness.Samplers;
using ArchLab.Load.Engine;

namespace ArchLab.Harness.TransportArms;

/// <summary>
/// Runs a transport arm (transport-baseline): nats-server or a RabbitMQ node if the transport needs one, the no-op sink process, then
/// the caller speaking the transport straight to it under the arm's load (its own or the scenario's), and for NATS
/// publish the sink's receipts matched against the caller log. No edge, no workflow, no ledger, no faults.
/// </summary>
internal static class TransportArmRunner
{
    public static async Task<ArmOutcome> RunAsync(
        Scenario scenario, ArmSpec arm, RunFolder folder, RunOptions options, IProgress<ArmProgress>? progress, RunLog log, CancellationToken cancellationToken)
    {
        var transport = arm.Transport!;
        var load = arm.Load ?? scenario.Load;
        var planned = load.Warmup + load.Duration;
        void Log(string message) => log.Write(arm.Name, message);
        progress?.Report(new ArmProgress(arm.Name, ArmPhase.Starting, TimeSpan.Zero, planned));

        await using var resources = new ResourceSampler();
        resources.Track(ArmMetrics.HarnessProcess, Environment.ProcessId, countFromNow: true);
        await using var broker = Transports.NeedsBroker(transport.Transport)
            ? await BrokerProvider.StartAsync(options.Broker, folder.BrokerStore(arm.Name), Path.Combine(folder.ArmLogs(arm.Name), "nats-server.log"), cancellationToken)
            : null;
        if (broker?.Pid is { } brokerPid)
        {
            resources.Track("nats-server", brokerPid);
        }

        var rabbit = Transports.NeedsRabbit(transport.Transport)
            ? await (options.Rabbit ?? throw new InvalidOperationException($"arm {arm.Name}: the run made no RabbitMQ node")).NodeAsync(Log, cancellationToken)
            : null;
        var rabbitUrl = rabbit?.AmqpUriOf(arm.Name);
        if (rabbit is not null)
        {
            resources.Track("rabbitmq", rabbit.Pid);
        }

        var sink = new RoleProcess(
            new LocalRoleLauncher(ServiceHostLocator.Find(options.ServiceHostPath), Path.Combine(folder.ArmServices(arm.Name), $"{Transports.SinkRole}.json"),
                Path.Combine(folder.ArmLogs(arm.Name), $"{Transports.SinkRole}.log"), options.ReadyTimeout),
            new ServiceOptions
            {
                Role = Transports.SinkRole, Style = transport.Transport, NatsUrl = broker?.ClientUrl, RabbitUrl = rabbitUrl?.ToString(), ExitWhenParentGone = true,
            });
        await using var sinkProcess = await sink.StartAsync(cancellationToken);
        resources.Track(Transports.SinkRole, sinkProcess.Pid);
        Log($"{transport.Transport}: sink pid {sinkProcess.Pid} on {sink.Port}{(broker is null ? "" : $", broker {broker.Kind} {broker.Version} at {broker.ClientUrl}")}, payload {transport.Payload}"
            + (rabbit is null ? "" : $", rabbitmq {rabbit.Version} node {rabbit.NodeName} at {rabbitUrl}")
            + (Transports.IsJetStream(transport.Transport) ? $", ack window {transport.Window}" : ""));

        var target = await TransportTargets.CreateAsync(transport, sink.Address, broker?.ClientUrl, rabbitUrl, load.Timeout, cancellationToken);
        LoadReport report;
        PrimeOutcome prime;
        SinkReceipts? receipts = null;
        try
        {
            prime = await Primer.PrimeAsync(new TransportTargets.Priming(target), load.Prime, terminal: null, cancellationToken);
            Log($"primed: {prime.Accepted} of {prime.Sent} accepted in {prime.Elapsed.TotalMilliseconds:0} ms");
            var engine = new LoadEngine(ArmRunner.LoadOptionsFor(scenario with { Load = load }, arm, folder) with { ProgressEvery = options.ProgressEvery }, target);
            report = await engine.RunAsync(new LoadProgressAdapter(arm.Name, progress), cancellationToken);
            Log($"load done: offered {report.Counts.Offered}, accepted {report.Counts.Accepted}, errors {report.Counts.Errors}, dropped {report.Counts.DroppedByGenerator}");
            if (Transports.CountsReceipts(transport.Transport) && report.Files.CallLog is { } callLog)
            {
                progress?.Report(new ArmProgress(arm.Name, ArmPhase.Draining, planned, planned));
                if (target is ArchLab.Load.Targets.Transports.NatsPublishLoadTarget nats)
                {
                    await nats.FlushAsync();
                }

                receipts = await SinkReceipts.CollectAsync(sink.Address, callLog, load.Drain, cancellationToken);
                Log($"sink received {receipts.Received} of the measured window's accepted publishes, {receipts.Lost} never arrived");
            }
        }
        finally
        {
            await TransportTargets.DisposeAsync(target);
        }

        progress?.Report(new ArmProgress(arm.Name, ArmPhase.Checking, planned, planned));
        resources.Sample(Transports.SinkRole);
        return new ArmOutcome(arm, report, Check: null, new DrainOutcome(TimeSpan.Zero, null, TimedOut: false), resources.Snapshot(),
            Backlog: null, PeakBacklog: null, broker?.Version, prime)
        {
            Faults = [],
            Receipts = receipts,
        };
    }
}
