using System.Security.Cryptography;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Load;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Results;
using ArchLab.Harness.Samplers;
using ArchLab.Load;
using ArchLab.Load.Engine;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Harness.Orchestration;

/// <summary>
/// Runs one arm from nothing back to nothing: broker and topology if the style needs them, the role
/// processes, warm-up and load, the drain, then everything stopped and the ledgers checked.
/// </summary>
public static class ArmRunner
{
    public static async Task<ArmOutcome> RunAsync(
        Scenario scenario, ArmSpec arm, RunFolder folder, RunOptions options, IProgress<ArmProgress>? progress, CancellationToken cancellationToken)
    {
        var planned = scenario.Load.Warmup + scenario.Load.Duration;
        progress?.Report(new ArmProgress(arm.Name, ArmPhase.Starting, TimeSpan.Zero, planned));
        await using var resources = new ResourceSampler();
        resources.Track(ArmMetrics.HarnessProcess, Environment.ProcessId, countFromNow: true);

        IBroker? broker = null;
        BrokerSampler? brokerSampler = null;
        try
        {
            if (Styles.NeedsBroker(arm.Style))
            {
                broker = await BrokerProvider.StartAsync(options.Broker, folder.BrokerStore(arm.Name), Path.Combine(folder.ArmLogs(arm.Name), "nats-server.log"), cancellationToken);
                if (broker.Pid is { } pid)
                {
                    resources.Track("nats-server", pid);
                }

                await JetStreamTopology.CreateAsync(broker.ClientUrl, arm.JetStream ?? JetStreamArmOptions.Default, cancellationToken);
                if (broker.MonitoringUrl is { } monitoring)
                {
                    brokerSampler = new BrokerSampler(monitoring, Subjects.OrdersStream);
                }
            }

            var nonce = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
            var primeNonce = nonce ^ 0x80000000u;
            LoadReport report;
            DrainOutcome drain;
            string? terminalLedger;
            PrimeOutcome prime;
            await using (var services = await ArmServices.StartAsync(scenario, arm, folder, broker?.ClientUrl, options, resources, cancellationToken))
            {
                terminalLedger = arm.Ledger ? services.Ledgers[StepCodes.Notify] : null;
                var orders = new Uri(services.EdgeAddress, "/orders");
                using (var primer = new HttpLoadTarget(new HttpTargetOptions { Url = orders, Body = OrderBodies.Create(primeNonce, scenario.Workflow.Payload.Bytes) }))
                {
                    prime = await Primer.PrimeAsync(primer, scenario.Load.Prime, terminalLedger, cancellationToken);
                }

                using var target = new HttpLoadTarget(new HttpTargetOptions
                {
                    Url = orders,
                    Body = OrderBodies.Create(nonce, scenario.Workflow.Payload.Bytes),
                });
                var engine = new LoadEngine(LoadOptionsFor(scenario, arm, folder), target);
                report = await engine.RunAsync(new LoadProgressAdapter(arm.Name, progress), cancellationToken);

                var accepted = report.Counts.Accepted + report.WarmupCounts.Accepted + prime.Completed;
                drain = await DrainWatcher.WaitAsync(accepted, terminalLedger, brokerSampler, scenario.Load.Drain,
                    new Progress<(long Completed, long? Backlog)>(p => progress?.Report(new ArmProgress(arm.Name, ArmPhase.Draining, planned, planned,
                        report.Counts.Offered, report.Counts.Accepted, report.Counts.Errors, report.Counts.DroppedByGenerator, Completed: p.Completed, Backlog: p.Backlog))),
                    cancellationToken);
            }

            progress?.Report(new ArmProgress(arm.Name, ArmPhase.Checking, planned, planned));
            var finalBacklog = brokerSampler is null ? null : (await brokerSampler.SampleNowAsync(cancellationToken))?.Backlog ?? drain.FinalBacklog;
            var check = arm.Ledger && report.Files.CallLog is { } callLog
                ? LedgerChecker.Check(
                    new CheckInput(nonce, folder.Ledgers(arm.Name), StepCodes.Notify, report.MeasureStartTimestamp,
                        BrokerStillHolds: finalBacklog > 0, Path.Combine(folder.Path, $"{arm.Name}.completion.hlog"), primeNonce),
                    CallLog.Read(callLog).Select(ToCallerRecord))
                : null;

            var seconds = Math.Max(report.Timeline.Count, check?.CompletedPerSecond.Count ?? 0);
            return new ArmOutcome(arm, report, check, drain, resources.Snapshot(),
                brokerSampler?.BacklogPerSecond(report.MeasureStartTimestamp, seconds),
                brokerSampler?.PeakBacklog, broker?.Version, prime);
        }
        finally
        {
            if (brokerSampler is not null)
            {
                await brokerSampler.DisposeAsync();
            }

            if (broker is not null)
            {
                await broker.DisposeAsync();
            }
        }
    }

    private static CallerRecord ToCallerRecord(CallRecord call) => new(
        call.Seq,
        call.Intended,
        call.Kind == OutcomeKind.Accepted ? CallerOutcome.Accepted : call.Sent == 0 ? CallerOutcome.NotSent : CallerOutcome.NotAccepted,
        call.Warmup);

    private static LoadOptions LoadOptionsFor(Scenario scenario, ArmSpec arm, RunFolder folder)
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
            OutputDirectory = folder.Path,
            FilePrefix = arm.Name,
        };
    }
}
