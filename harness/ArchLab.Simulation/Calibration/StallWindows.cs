using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Simulation.Calibration;

/// <summary>
/// Which measured orders a fault window stalled, so that none of them is taken for a calibration sample: those the edge
/// took inside the window, which lasts until accepting and completing resumed, and those in flight when it began,
/// which carry its stall into their hops though the edge took them before (after a stream's leader died, one step's
/// calibrated hop averaged 80 ms against 2 ms).
/// </summary>
/// <param name="Origin">The measured window's start, in the ledgers' ticks.</param>
internal sealed class StallWindows(long origin, Dictionary<string, List<LedgerRecord>> records)
{
    private Dictionary<OrderId, long>? _lastWritten;

    public long Origin { get; } = origin;

    /// <summary>Whether one of <paramref name="windows"/> stalled the order of the edge's <paramref name="edge"/> record.</summary>
    public bool Stalled(LedgerRecord edge, IReadOnlyList<FaultWindow> windows) => windows.Any(f =>
    {
        var start = Origin + Ticks(f.StartSec);
        return edge.Timestamp >= start ? End(f) is not { } end || edge.Timestamp < Origin + Ticks(end) : LastWritten()[edge.Id] >= start;
    });

    /// <summary>
    /// Whether one of <paramref name="windows"/> stalled the caller's way in and back of the edge's <paramref name="edge"/>
    /// record: taken inside the window, until accepting resumed. An order accepted before the window, or once accepting
    /// resumed, made its way in and back as any other; that its steps ran later stalls its hops, not its legs. Taking
    /// the legs only from orders before the window left durability's r1-kill 37 of its 250, all from before its
    /// broker's restart, and its twin's accept p50 0.4 ms under the measured.
    /// </summary>
    public bool StalledLeg(LedgerRecord edge, IReadOnlyList<FaultWindow> windows) => windows.Any(f =>
    {
        var start = Origin + Ticks(f.StartSec);
        var end = f.EndSec is not { } e ? (double?)null : Math.Max(e, f.StartSec + (f.AcceptResumeSec ?? double.PositiveInfinity));
        return edge.Timestamp >= start && (end is not { } until || double.IsInfinity(until) || edge.Timestamp < Origin + Ticks(until));
    });

    /// <summary>
    /// Whether a fault window is a step's that only makes attempts fail (an error rate, poison orders): it slows no
    /// execution and stalls no order. Its window is matched to the scenario's step fault on the same step that starts
    /// within half a second of it; with no scenario to tell, every window stalls.
    /// </summary>
    public static bool OnlyFails(FaultWindow window, Scenario? scenario) =>
        window.Kind == "step" && scenario is not null && scenario.Faults.OfType<StepFault>().Any(f =>
            f.Step == window.Target && Math.Abs(f.At.TotalSeconds - window.StartSec) < 0.5 && f.Slowdown == 1 && !f.CrashAfterEffect);

    /// <summary>
    /// Until when a window stalls orders: its end, or later where accepting or completing resumed only after it (a
    /// stream's consumers that pull again seconds after their node is back hold the orders taken meanwhile); null: to the end.
    /// </summary>
    private static double? End(FaultWindow window) => window.EndSec is not { } end ? null
        : Math.Max(end, window.StartSec + Math.Max(window.AcceptResumeSec ?? 0, window.CompleteResumeSec ?? 0));

    /// <summary>Each order's last record in any ledger: read once, and only for an arm whose windows ask.</summary>
    private Dictionary<OrderId, long> LastWritten() => _lastWritten ??=
        records.Values.SelectMany(r => r).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Max(r => r.Timestamp));

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
