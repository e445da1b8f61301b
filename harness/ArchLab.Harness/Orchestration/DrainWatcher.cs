using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Orchestration;

/// <summary>How the drain ended.</summary>
/// <param name="Elapsed">From the end of the load to the end of the drain.</param>
/// <param name="FinalBacklog">Broker backlog at the end; null without a broker or when it did not answer.</param>
/// <param name="TimedOut">The drain limit was reached with work still outstanding.</param>
public sealed record DrainOutcome(TimeSpan Elapsed, long? FinalBacklog, bool TimedOut);

/// <summary>
/// After the load stops, waits (bounded) for accepted work to finish: the last step's ledger holds as many
/// effects as orders were accepted and the broker holds nothing unacknowledged, or nothing has moved for a
/// while with an empty backlog or an empty stream, or the limit is reached. An empty stream with a backlog is a
/// consumer's count of a message its store no longer has (after a power loss, one pending an ack for good): there is
/// nothing left to give anyone.
/// </summary>
public static class DrainWatcher
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    /// <param name="accepted">Orders accepted, warm-up included.</param>
    /// <param name="terminal">The last step's ledgers, or null when the arm writes none.</param>
    /// <param name="broker">The broker's sampler, or null for synchronous arms.</param>
    /// <param name="limit">The scenario's drain limit.</param>
    public static async Task<DrainOutcome> WaitAsync(
        long accepted, CompletionTail? terminal, BrokerSampler? broker, TimeSpan limit, IProgress<(long Completed, long? Backlog)>? progress, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var lastCount = -1L;
        var lastMove = start;
        while (true)
        {
            var count = terminal?.Poll() ?? 0;
            var snapshot = broker is null ? null : await broker.SampleNowAsync(cancellationToken);
            var backlog = broker is null ? 0 : snapshot?.Backlog;
            progress?.Report((count, broker is null ? null : backlog));
            if (count != lastCount)
            {
                lastCount = count;
                lastMove = Stopwatch.GetTimestamp();
            }

            var allDone = (terminal is null || count >= accepted) && backlog == 0;
            var settled = (backlog == 0 || snapshot?.StreamMessages == 0) && Stopwatch.GetElapsedTime(lastMove) >= Quiet;
            if (allDone || settled)
            {
                return new DrainOutcome(Stopwatch.GetElapsedTime(start), broker is null ? null : backlog, TimedOut: false);
            }

            if (Stopwatch.GetElapsedTime(start) >= limit)
            {
                return new DrainOutcome(Stopwatch.GetElapsedTime(start), broker is null ? null : backlog, TimedOut: true);
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}
