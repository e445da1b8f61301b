using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Faults;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Orchestration;

/// <summary>
/// What the load engine cannot see, for the live view: completions (the last step's ledger, read from where the last
/// look ended), the broker's backlog as last sampled, and the fault windows open now.
/// </summary>
internal sealed class LiveProbe(CompletionTail? terminal, BrokerSampler? sampler, OpenFaults faults)
{
    private readonly CompletionTail? _tail = terminal;
    private readonly Lock _gate = new();
    private long _lastCount;
    private long _lastAt = Stopwatch.GetTimestamp();

    public ArmProgress Enrich(ArmProgress progress)
    {
        long? completed = null;
        double? perSecond = null;
        if (_tail is not null)
        {
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                completed = _tail.Poll();
                var seconds = Stopwatch.GetElapsedTime(_lastAt, now).TotalSeconds;
                perSecond = seconds > 0 ? (completed.Value - _lastCount) / seconds : 0;
                (_lastCount, _lastAt) = (completed.Value, now);
            }
        }

        return progress with
        {
            Completed = completed,
            CompletedPerSec = perSecond,
            Backlog = sampler?.Latest?.Backlog,
            OpenFaults = faults.Now,
        };
    }
}
