using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Cost;
using ArchLab.Services.Core.Faults;
using ArchLab.Services.Core.Inbox;
using ArchLab.Services.Core.Ledger;

namespace ArchLab.Services.Core.Steps;

/// <summary>
/// The one implementation of a step, shared by every style: wait for a worker, spend the service time
/// (times the slowdown in force), then either fail (a poison order, an injected error: a failed-attempt
/// record) or write the effect to the ledger, and crash right after it when a crash is armed. Styles only
/// decide how the request arrives and what a failure or a success becomes.
/// </summary>
public sealed class StepRunner : IDisposable
{
    private readonly StepCost _cost;
    private readonly ServiceTimeSampler _sampler;
    private readonly SemaphoreSlim? _workers;
    private readonly LedgerWriter? _ledger;
    private int _queued;

    /// <param name="role">The role whose step this is.</param>
    /// <param name="cost">Cost model: service time, wait or CPU, worker limit.</param>
    /// <param name="ledgerPath">Where effects are appended; null to run without a ledger.</param>
    /// <param name="seed">Seed of the service-time draws and of the injected errors.</param>
    /// <param name="idempotent">Keep an inbox of done orders (read back from the ledger) for <see cref="ExecuteOnceAsync"/>.</param>
    public StepRunner(string role, StepCost cost, string? ledgerPath, int seed, bool idempotent = false)
    {
        Role = role;
        _cost = cost;
        _sampler = new ServiceTimeSampler(cost.Time, seed, cost.Tail);
        _workers = cost.Workers > 0 ? new SemaphoreSlim(cost.Workers, cost.Workers) : null;
        Faults = new FaultSwitch(seed);
        Inbox = idempotent ? ProcessedInbox.Load(ledgerPath, StepCodes.Of(role)) : null;
        _ledger = ledgerPath is null ? null : new LedgerWriter(ledgerPath, StepCodes.Of(role));
    }

    public string Role { get; }

    /// <summary>The faults in force, set through the control endpoint.</summary>
    public FaultSwitch Faults { get; }

    /// <summary>The done and in-flight orders; null for a naive role.</summary>
    public ProcessedInbox? Inbox { get; }

    /// <summary>Executions waiting for a worker right now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Runs the step for one order, whether or not it ran before: the naive consumer.</summary>
    /// <param name="id">The order.</param>
    /// <param name="attempt">The caller's attempt or the delivery count.</param>
    /// <param name="cancellationToken">Stops the step at any point (the process is shutting down).</param>
    /// <param name="abandoned">
    /// Signals that the caller has gone: honoured only while the execution waits for a worker (a queued request
    /// whose client hung up is dropped, as a server that passes its request-aborted token does). Once started,
    /// the step runs to its end: a service does not undo its work because a client hung up.
    /// </param>
    public ValueTask<StepOutcome> ExecuteAsync(OrderId id, int attempt, CancellationToken cancellationToken, CancellationToken abandoned = default) =>
        StepSpans.Source.HasListeners() ? TracedAsync(id, attempt, cancellationToken, abandoned) : RunAsync(id, attempt, cancellationToken, abandoned);

    private async ValueTask<StepOutcome> TracedAsync(OrderId id, int attempt, CancellationToken cancellationToken, CancellationToken abandoned)
    {
        using var span = StepSpans.Start(Role, id, attempt);
        var outcome = await RunAsync(id, attempt, cancellationToken, abandoned);
        if (span is not null && outcome.Status is StepStatus.Failed or StepStatus.Abandoned)
        {
            span.SetStatus(ActivityStatusCode.Error, outcome.Failure ?? outcome.Status.ToString());
        }

        return outcome;
    }

    private async ValueTask<StepOutcome> RunAsync(OrderId id, int attempt, CancellationToken cancellationToken, CancellationToken abandoned)
    {
        if (_workers is not null)
        {
            Interlocked.Increment(ref _queued);
            try
            {
                using var queued = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, abandoned);
                await _workers.WaitAsync(queued.Token);
            }
            catch (OperationCanceledException) when (abandoned.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new StepOutcome(StepStatus.Abandoned);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }

        try
        {
            var spent = new ServiceSpent(Stopwatch.GetTimestamp(), _sampler.Next() * Faults.Slowdown);
            await CostSpender.SpendAsync(spent.Planned, _cost.Mode, cancellationToken);
            if (Faults.FailureOf(id) is { } failure)
            {
                return new StepOutcome(StepStatus.Failed, _ledger?.AppendFailedAttempt(id, attempt, spent) ?? Stopwatch.GetTimestamp(), failure);
            }

            var timestamp = _ledger?.Append(id, attempt, spent) ?? Stopwatch.GetTimestamp();
            Inbox?.MarkDone(id);
            if (Faults.TakeCrash())
            {
                SelfKill.Now();
            }

            return new StepOutcome(StepStatus.Done, timestamp);
        }
        finally
        {
            _workers?.Release();
        }
    }

    /// <summary>
    /// Runs the step unless the inbox says it is done (<see cref="StepStatus.AlreadyDone"/>) or running
    /// (<see cref="StepStatus.InFlight"/>, or, with <paramref name="waitForRunning"/>, the outcome of waiting
    /// for that run and looking again). Without an inbox this is <see cref="ExecuteAsync"/>.
    /// </summary>
    public async ValueTask<StepOutcome> ExecuteOnceAsync(
        OrderId id, int attempt, bool waitForRunning, CancellationToken cancellationToken, CancellationToken abandoned = default)
    {
        if (Inbox is null)
        {
            return await ExecuteAsync(id, attempt, cancellationToken, abandoned);
        }

        while (true)
        {
            switch (Inbox.TryClaim(id, out var running))
            {
                case InboxClaim.Done:
                    return new StepOutcome(StepStatus.AlreadyDone);
                case InboxClaim.InFlight when !waitForRunning:
                    return new StepOutcome(StepStatus.InFlight);
                case InboxClaim.InFlight:
                    await running.WaitAsync(cancellationToken);
                    continue;
            }

            try
            {
                return await ExecuteAsync(id, attempt, cancellationToken, abandoned);
            }
            finally
            {
                Inbox.Release(id);
            }
        }
    }

    public void Dispose()
    {
        _workers?.Dispose();
        _ledger?.Dispose();
    }
}
