using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Cost;
using ArchLab.Services.Core.Ledger;

namespace ArchLab.Services.Core.Steps;

/// <summary>
/// The one implementation of a step, shared by every style: wait for a worker, spend the service time,
/// write the effect to the ledger. Styles only decide how the request arrives and what happens after.
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
    /// <param name="seed">Seed of the service-time draws.</param>
    public StepRunner(string role, StepCost cost, string? ledgerPath, int seed)
    {
        Role = role;
        _cost = cost;
        _sampler = new ServiceTimeSampler(cost.Time, seed);
        _workers = cost.Workers > 0 ? new SemaphoreSlim(cost.Workers, cost.Workers) : null;
        _ledger = ledgerPath is null ? null : new LedgerWriter(ledgerPath, StepCodes.Of(role));
    }

    public string Role { get; }

    /// <summary>Executions waiting for a worker right now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Runs the step for one order and returns the timestamp of its effect.</summary>
    public async ValueTask<long> ExecuteAsync(OrderId id, int attempt, CancellationToken cancellationToken)
    {
        if (_workers is not null)
        {
            Interlocked.Increment(ref _queued);
            try
            {
                await _workers.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }

        try
        {
            await CostSpender.SpendAsync(_sampler.Next(), _cost.Mode, cancellationToken);
            return _ledger?.Append(id, attempt) ?? Stopwatch.GetTimestamp();
        }
        finally
        {
            _workers?.Release();
        }
    }

    public void Dispose()
    {
        _workers?.Dispose();
        _ledger?.Dispose();
    }
}
