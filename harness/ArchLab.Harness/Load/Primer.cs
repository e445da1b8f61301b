using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Ledger;
using ArchLab.Load.Targets;

namespace ArchLab.Harness.Load;

/// <summary>What priming did.</summary>
/// <param name="Sent">Orders sent.</param>
/// <param name="Accepted">Orders the edge accepted.</param>
/// <param name="Completed">Orders whose last step was seen before priming gave up waiting.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record PrimeOutcome(int Sent, int Accepted, long Completed, TimeSpan Elapsed)
{
    public bool Complete => Accepted == Sent && Completed >= Sent;
}

/// <summary>
/// Sends a few orders one at a time and follows each to its last step before the load starts: every
/// process then has its code compiled and its connections open, and the measured load does not start
/// behind a cold chain. The orders carry a nonce of their own, so the checker leaves them out.
/// </summary>
public static class Primer
{
    private static readonly TimeSpan PerOrder = TimeSpan.FromSeconds(10);

    public static async Task<PrimeOutcome> PrimeAsync(ILoadTarget target, int count, CompletionTail? terminal, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var accepted = 0;
        long completed = 0;
        for (var seq = 0; seq < count; seq++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PerOrder);
            CallOutcome outcome;
            try
            {
                outcome = await target.SendAsync(seq, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = CallOutcome.Timeout;
            }

            if (outcome.Kind != OutcomeKind.Accepted)
            {
                continue;
            }

            accepted++;
            completed = await WaitForAsync(terminal, accepted, cancellationToken);
        }

        return new PrimeOutcome(count, accepted, completed, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Waits (bounded) until the last step's ledger holds <paramref name="expected"/> effects: only priming orders exist yet.</summary>
    private static async Task<long> WaitForAsync(CompletionTail? terminal, long expected, CancellationToken cancellationToken)
    {
        if (terminal is null)
        {
            return expected;
        }

        var start = Stopwatch.GetTimestamp();
        long effects;
        while ((effects = terminal.Poll()) < expected && Stopwatch.GetElapsedTime(start) < PerOrder)
        {
            await Task.Delay(5, cancellationToken);
        }

        return effects;
    }
}
