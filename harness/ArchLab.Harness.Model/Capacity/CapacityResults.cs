namespace ArchLab.Harness.Model.Capacity;

/// <summary>
/// <c>capacity.json</c>: for each arm of a scenario, the highest offered rate it sustained, the rate above that broke and
/// why, and every measured window (the search's and the curve's) with its latencies: the latency-throughput curve.
/// </summary>
/// <param name="Source"><c>measured</c>, or <c>simulated</c> for <c>simulate --capacity</c>.</param>
/// <param name="Of"><c>completion</c>: what an arm completes (the workflow's capacity); <c>accept</c>: what its caller is
/// answered (the accept path's), the backlog behind it left out.</param>
/// <param name="Objective">The service-level objective every window had to hold (<c>--slo</c>); null: none.</param>
public sealed record CapacityResults(
    int SchemaVersion, string Scenario, string? Profile, string Source, DateTimeOffset StartedAt, string Of, string? Objective,
    double WindowSec, double WarmupSec, double Precision, IReadOnlyList<CapacityArm> Arms)
{
    public const int CurrentSchemaVersion = 1;
}

/// <param name="FoundPerSec">The highest offered rate the arm sustained; null when none of the rates tried held.</param>
/// <param name="AtMost">True when the search stopped at its maximum rate still holding: the capacity is at least <see cref="FoundPerSec"/>.</param>
/// <param name="AbovePerSec">The lowest rate above it that broke; null when none did.</param>
/// <param name="Broken">What broke at <see cref="AbovePerSec"/>, in words.</param>
/// <param name="Resets">Times the backlog a window left did not drain in time and was cleared: the stream purged, or the arm's processes started afresh.</param>
public sealed record CapacityArm(
    string Arm, string Style, double? FoundPerSec, bool AtMost, double? AbovePerSec, IReadOnlyList<string> Broken, int Resets,
    IReadOnlyList<CapacityStep> Windows)
{
    /// <summary>The capacity in orders/s as the reports write it: <c>187.5</c>, <c>&gt;= 2000</c>, or <c>none held</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Capacity => FoundPerSec is { } found
        ? (AtMost ? ">= " : "") + found.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)
        : "none held";
}

/// <summary>One measured window at one offered rate.</summary>
/// <param name="Kind"><c>search</c> (a step of the search) or <c>curve</c> (a point of the even sweep up to 1.2x the capacity).</param>
/// <param name="RatePerSec">The rate asked of the open model.</param>
/// <param name="OfferedPerSec">What it offered over the window.</param>
/// <param name="AcceptedPerSec">What was accepted of it, per second.</param>
/// <param name="CompletedPerSec">Orders of the window completed within it (the last step's effects), per second.</param>
/// <param name="ErrorShare">Errors over the orders sent in the window.</param>
/// <param name="BacklogGrowth">Orders sent and not yet answered-and-completed at the window's end, less at its start; null when simulated (not read there).</param>
/// <param name="Unfinished">Accepted orders of the window that had not completed when the drain after it ended.</param>
/// <param name="Broken">Each condition the window broke; empty when the arm sustained the rate.</param>
public sealed record CapacityStep(
    string Kind, double RatePerSec, double OfferedPerSec, double AcceptedPerSec, double CompletedPerSec, double ErrorShare, long? BacklogGrowth, long Unfinished,
    Quantiles? AcceptMs, Quantiles? CompletionMs, IReadOnlyList<string> Broken)
{
    public bool Held => Broken.Count == 0;
}

/// <summary>The two quantiles a latency-throughput curve draws, in milliseconds, over <see cref="Count"/> samples.</summary>
public sealed record Quantiles(long Count, double P50, double P99);
