using ArchLab.Harness.Model.Results;

namespace ArchLab.Harness.Model.Semantics;

/// <summary>Counts of the measured window as rates per second.</summary>
public static class Rates
{
    /// <summary>
    /// Offered and accepted per second of the measured window; completed per second of the measured window, or of the
    /// time it took to complete them (to the last completion) if longer: a backlog drained after the load counts
    /// against the time it took. Null completed stays null (it cannot be known without a ledger).
    /// </summary>
    public static ArmThroughput Of(long offered, long accepted, long? completed, double measuredSec, double lastCompletionSec) => new(
        PerSecond(offered, measuredSec),
        PerSecond(accepted, measuredSec),
        completed is { } done ? PerSecond(done, Math.Max(measuredSec, lastCompletionSec)) : null);

    private static double PerSecond(long count, double seconds) => seconds > 0 ? Latency.Round(count / seconds) : 0;
}
