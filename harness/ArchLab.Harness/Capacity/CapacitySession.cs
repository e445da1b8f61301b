using System.Diagnostics;
using System.Security.Cryptography;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Links;
using ArchLab.Harness.Load;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Samplers;
using ArchLab.Load.Engine;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;
using NATS.Client.JetStream;
using NATS.Net;

namespace ArchLab.Harness.Capacity;

/// <summary>
/// One arm kept up across the windows of a capacity search: its broker and role processes started and primed once,
/// then one open-model window after another, each with its own order numbers (a nonce of its own), each followed by a
/// drain. When a window leaves a backlog that does not drain in time, the arm is started afresh (the broker's store
/// emptied), so the next window does not pay for the last one.
/// </summary>
internal sealed class CapacitySession(Scenario scenario, ArmSpec arm, RunFolder folder, RunOptions options, Action<string> log) : IAsyncDisposable
{
    private ResourceSampler? _resources;
    private ArmRunner.ArmBroker? _broker;
    private ArmServices? _services;
    private int _windows;

    public int Resets { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _resources = new ResourceSampler();
        var receivers = scenario.ReceiversOf(arm);
        _broker = Styles.NeedsBroker(arm.Style)
            ? await ArmRunner.StartBrokerAsync(arm, TimelineGrid.For(scenario.Load.Duration), receivers, folder, options, _resources, cancellationToken)
            : null;
        _services = await ArmServices.StartAsync(scenario, arm, folder, _broker?.Server.ClientUrl, options, _resources, DirectLinks.Instance, cancellationToken);
        var primeNonce = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
        using var primer = new HttpLoadTarget(new HttpTargetOptions { Url = Orders, Body = OrderBodies.Create(primeNonce, scenario.Workflow.Payload.Bytes) });
        var prime = await Primer.PrimeAsync(primer, scenario.Load.Prime, Completion(), cancellationToken);
        log($"{arm.Name}: started and primed ({prime.Accepted} of {prime.Sent} accepted)");
    }

    private Uri Orders => new(_services!.EdgeAddress, "/orders");

    private CompletionTail Completion() => new([.. Roles.Receivers(scenario.ReceiversOf(arm)).Select(_services!.EffectsOf)]);

    /// <summary>One window at <paramref name="rate"/>: warm-up and measured load, then the drain; the arm is restarted when the drain did not end.</summary>
    public async Task<(CapacityWindow Window, CapacityStep Step)> RunWindowAsync(string kind, double rate, CapacityObjective? objective, bool acceptPath, CancellationToken cancellationToken)
    {
        var number = ++_windows;
        var nonce = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
        var completion = Completion();
        var before = completion.Poll();
        var load = ArmRunner.LoadOptionsFor(scenario, arm, folder) with
        {
            // Evenly spaced: Poisson arrivals would offer a short window's rate give or take its square root, more than
            // the few percent the search resolves, and the rate found would be the draw's.
            Model = ArchLab.Load.LoadModel.Open,
            Arrival = ArchLab.Load.ArrivalProcess.Constant,
            RatePerSec = rate,
            RampFromPerSec = null,
            Bursts = [],
            OutputDirectory = Path.Combine(folder.Path, "windows"),
            FilePrefix = $"{arm.Name}.{number:00}",
        };
        LoadReport report;
        using (var target = new HttpLoadTarget(new HttpTargetOptions { Url = Orders, Body = OrderBodies.Create(nonce, scenario.Workflow.Payload.Bytes) }))
        {
            report = await new LoadEngine(load, target).RunAsync(null, cancellationToken);
        }

        // The window's orders are done when the slowest receiver has as many new effects as orders were accepted.
        var accepted = report.Counts.Accepted + report.WarmupCounts.Accepted;
        // The accept path's search leaves the backlog out: it is cleared at once rather than waited for.
        var drainFor = acceptPath ? TimeSpan.FromSeconds(1) : scenario.Load.Drain;
        var drainUntil = Stopwatch.GetTimestamp() + (long)(drainFor.TotalSeconds * Stopwatch.Frequency);
        while (completion.Poll() - before < accepted && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(50, cancellationToken);
        }

        var drained = completion.Poll() - before >= accepted;
        var calls = report.Files.CallLog is { } callLog ? CallLog.Read(callLog).ToList() : [];
        var ledgers = Roles.Receivers(scenario.ReceiversOf(arm))
            .Select(r => (IReadOnlyList<LedgerRecord>)[.. new LedgerReader(_services!.Ledgers[StepCodes.Of(r)]).Read().Where(x => x.Id.Nonce == nonce)])
            .ToList();
        var figures = WindowFigures.Of(kind, rate, calls, ledgers, report.MeasureStartTimestamp, load.Duration, report.Counts, report.Accept, objective, Stopwatch.Frequency, acceptPath);
        if (!drained)
        {
            Resets++;
            if (_broker is not null && Styles.NeedsStream(arm.Style))
            {
                log($"{arm.Name}: window {number}'s backlog did not drain within {drainFor.TotalSeconds:0} s: the stream is purged");
                await PurgeAsync(completion, cancellationToken);
            }
            else
            {
                log($"{arm.Name}: window {number}'s backlog did not drain within {drainFor.TotalSeconds:0} s: the arm starts afresh");
                await StopAsync();
                await StartAsync(cancellationToken);
            }
        }

        return figures;
    }

    /// <summary>Drops what the stream holds, then waits until the consumers have finished what they had taken (their effects stop).</summary>
    private async Task PurgeAsync(CompletionTail completion, CancellationToken cancellationToken)
    {
        await using (var nats = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts { Url = _broker!.Server.ClientUrl, Name = "archlab-capacity" }))
        {
            await nats.CreateJetStreamContext().PurgeStreamAsync(ArchLab.Contracts.Messages.Subjects.OrdersStream,
                new NATS.Client.JetStream.Models.StreamPurgeRequest(), cancellationToken);
        }

        var until = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        var last = -1L;
        while (completion.Poll() is var now && now != last && Stopwatch.GetTimestamp() < until)
        {
            last = now;
            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task StopAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
            _broker = null;
            // A fresh broker: the last window's messages are not the next one's backlog.
            if (Directory.Exists(folder.BrokerStore(arm.Name)))
            {
                Directory.Delete(folder.BrokerStore(arm.Name), recursive: true);
            }
        }

        if (_resources is not null)
        {
            await _resources.DisposeAsync();
            _resources = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
