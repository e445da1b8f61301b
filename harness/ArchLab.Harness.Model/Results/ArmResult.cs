namespace ArchLab.Harness.Model.Results;

/// <summary>Everything measured for one arm.</summary>
public sealed record ArmResult
{
    public required string Name { get; init; }

    public required string Style { get; init; }

    /// <summary>True when the simulator produced this arm rather than real processes (e.g. <c>rest~sim</c> beside <c>rest</c>).</summary>
    public bool Simulated { get; init; }

    public required ArmCounts Counts { get; init; }

    /// <summary>
    /// True when the run was interrupted during this arm's load: its figures are the caller's until then (no drain, no
    /// ledger check, so no delivery classes or completion latencies).
    /// </summary>
    public bool Interrupted { get; init; }

    /// <summary>Whether the load was what the scenario asked for; null for a closed-model arm, a simulated one, or older results.</summary>
    public LoadCheck? Load { get; init; }

    /// <summary>Errors by kind: refused, timeout, status_5xx, status_4xx, no_responders, request_timeout, failed, dropped...</summary>
    public required IReadOnlyDictionary<string, long> ErrorsByKind { get; init; }

    public required ArmThroughput Throughput { get; init; }

    public required ArmLatencies LatencyMs { get; init; }

    /// <summary>Delivery classes; null when the arm ran without a ledger (nothing to check).</summary>
    public required DeliveryCounts? Delivery { get; init; }

    public RecoveryFigures Recovery { get; init; } = new(null, null, null);

    /// <summary>Attempts per completed step: step attempts that ran (effects and failed attempts) of the measured orders
    /// over the (order, step) pairs that reached an effect; null when none did or the arm has no ledger.</summary>
    public double? RetryAmplification { get; init; }

    public IReadOnlyList<ProcessResources> Resources { get; init; } = [];

    /// <summary>Length of the timeline's intervals in seconds: 0.1 when the measured window lasts up to 60 s, else 1
    /// (results written before it was recorded were per second).</summary>
    public double IntervalSec { get; init; } = 1;

    /// <summary>One point per interval of <see cref="IntervalSec"/> from the measured start, through the drain.</summary>
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    public IReadOnlyList<FaultWindow> Faults { get; init; } = [];

    public IReadOnlyList<ExpectationVerdict> Expectations { get; init; } = [];

    /// <summary>Whether the delivery classes add up to what was accepted, and what the checker says if not; null without a ledger.</summary>
    public required AccountingCheck? Accounting { get; init; }

    /// <summary>
    /// The intended start of the measured window on the machine's monotonic clock (Stopwatch ticks), the clock
    /// of every ledger record: it joins the results' seconds to the ledgers' timestamps.
    /// </summary>
    public long? MeasureStartTicks { get; init; }

    /// <summary>Things the reader should know that no figure says: a drain that hit its limit, torn ledger records...</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The broker's counters reconciled with the ledger; null for arms without a stream.</summary>
    public ReconciliationResult? Reconciliation { get; init; }

    /// <summary>How the drain after the load ended: seconds it took, and whether it hit the scenario's limit.</summary>
    public DrainSummary? Drain { get; init; }

    /// <summary>The fan-out to the receivers: how many, how the sender reaches them, what it costs; null for an arm without the workflow.</summary>
    public FanOutFigures? FanOut { get; init; }

    /// <summary>Where the arm sits in the scenario's sweep; null when nothing was swept.</summary>
    public SweepValue? Sweep { get; init; }

    /// <summary>What queueing theory predicts for this arm's completion latency; null unless the arm is one station under Poisson load.</summary>
    public QueueTheory? Theory { get; init; }

    /// <summary>Each costed step's service time, configured against measured; null when not measured (no ledger, a simulated arm).</summary>
    public IReadOnlyList<StepServiceTime>? ServiceTimes { get; init; }

    /// <summary>What the arm needed running and configured, read while it ran; null for simulated and transport arms.</summary>
    public MovingParts? MovingParts { get; init; }

    /// <summary>
    /// CPU milliseconds the role processes spent per order sent, over the measured window: their start-up and
    /// warm-up left out, unlike <c>cpuSec</c>. Null when a role restarted during the load, and in results that did not record it.
    /// </summary>
    public double? CpuMsPerOrder { get; init; }

    /// <summary>What the caller's read-backs found and how the edge's read model lagged (docs/results.md, consistency); null without <c>load.readAfter</c>.</summary>
    public ArmConsistency? Consistency { get; init; }

    /// <summary>What the arm's browser pages saw of its orders: delay, misses, requests per update; null for an arm without devices.</summary>
    public ArmDevices? Devices { get; init; }

    /// <summary>What the arm's traces show (docs/results.md, tracing); null for an arm that does not trace.</summary>
    public ArmTracing? Tracing { get; init; }

    /// <summary>Each load agent's share of the arm's load (docs/results.md, agents); null when the harness drove the load itself.</summary>
    public IReadOnlyList<AgentFigures>? Agents { get; init; }

    /// <summary>The roles that ran on load agents' hosts (<c>run --place</c>); null when every role ran on the harness's machine.</summary>
    public IReadOnlyList<PlacedRole>? Placed { get; init; }
}

/// <summary>A role that ran on a load agent's host (<c>run --place</c>), and where its callers reached it.</summary>
public sealed record PlacedRole(string Role, string Agent, string Host, string Address);

/// <summary>
/// One load agent's share: what it offered and saw. The arm's figures are these merged (counts added, histograms
/// added); an agent with a <see cref="Problem"/> did not report, and its share is missing from them.
/// </summary>
public sealed record AgentFigures(
    string Name,
    string Host,
    int Pid,
    long Offered,
    long Sent,
    long Accepted,
    long Errors,
    long DroppedByGenerator,
    LatencySummary? AcceptMs,
    LatencySummary? SendDelayMs,
    long Behind,
    string? Problem);

/// <summary>
/// The fan-out of the last step to its receivers. <c>senderEndpoints</c> is the coupling in configuration: the
/// addresses (REST, gRPC) or subjects (request-reply) the sender must be told, one per receiver, against the one
/// subject a publisher knows. The slow fractions are the share of requests that took at least the receivers' slow
/// tail (<c>tail.extra</c>); null when the receivers have no tail.
/// </summary>
/// <param name="Receivers">N.</param>
/// <param name="Mode"><c>sequential</c> or <c>parallel</c> (the sender calls each receiver), or <c>publish</c> (one message, N subscribers).</param>
/// <param name="SenderEndpoints">Receiver endpoints the sender is configured with.</param>
public sealed record FanOutFigures(int Receivers, string Mode, int SenderEndpoints)
{
    /// <summary>The edge's CPU milliseconds per request over warm-up and load (start-up and priming left out); null if the edge restarted.</summary>
    public double? EdgeCpuMsPerRequest { get; init; }

    /// <summary>Accepted requests whose caller waited at least the tail's extra time.</summary>
    public double? AcceptSlowFraction { get; init; }

    /// <summary>Completed orders that took at least the tail's extra time to reach every receiver.</summary>
    public double? CompletionSlowFraction { get; init; }

    /// <summary>What theory says for an order that waits on all N receivers: 1 - (1 - p)^N.</summary>
    public double? ExpectedSlowFraction { get; init; }
}

/// <summary>One arm's point in a sweep: the declared arm, the swept parameter and its value.</summary>
public sealed record SweepValue(string Arm, string Parameter, int Value);

/// <summary>Request counts of the measured window. <c>Completed</c> is null when it cannot be known (no ledger on an asynchronous arm).</summary>
public sealed record ArmCounts(long Offered, long Sent, long Accepted, long? Completed, long Errors, long DroppedByGenerator);

/// <summary>The drain after the load: how long it took and whether work was still outstanding at its limit.</summary>
public sealed record DrainSummary(double Seconds, bool TimedOut);

public sealed record ArmThroughput(double OfferedPerSec, double AcceptedPerSec, double? CompletedPerSec);

/// <summary>Latency summaries in milliseconds; <c>null</c> where the figure does not apply.</summary>
public sealed record ArmLatencies(
    LatencySummary? Accept,
    LatencySummary? AcceptUncorrected,
    LatencySummary? Completion,
    LatencySummary? SendDelay);

/// <summary>A latency summary, the <c>P</c> of docs/results.md: milliseconds; null rather than a summary of no value.</summary>
public sealed record LatencySummary(long Count, double Mean, double P50, double P90, double P99, double P999, double Max);

/// <summary>
/// Ledger classes (docs/results.md, delivery). Every accepted id ends in exactly one of ok, lost, duplicated,
/// expired, deadLettered or pending; recovered counts ids the caller did not see accepted that completed
/// anyway; unexpected counts effects for ids never sent.
/// </summary>
public sealed record DeliveryCounts(
    long Ok,
    long Lost,
    long Duplicated,
    long Unexpected,
    long Recovered,
    long? Expired,
    long? DeadLettered,
    long Pending)
{
    /// <summary>Ids the caller saw fail whose steps partly ran: the inconsistency a synchronous chain leaves behind.</summary>
    public long PartialEffects { get; init; }
}

/// <summary>The checker's own verdict on the books.</summary>
/// <param name="AddsUp">ok + lost + duplicated + expired + deadLettered + pending == accepted.</param>
/// <param name="Detail">What did not add up, or a one-line sum when it did.</param>
public sealed record AccountingCheck(bool AddsUp, string Detail);

public sealed record RecoveryFigures(double? TimeToRecoverSec, double? DrainSec, long? PeakBacklog);

public sealed record ProcessResources(string Process, double CpuSec, double PeakRssMb);

/// <summary>
/// One interval of the run, [t, t + intervalSec): <c>t</c> is seconds since the start of the measured window. Offered,
/// accepted, completed and errors are counts in the interval (divide by the arm's <c>intervalSec</c> for a rate);
/// backlog is the last reading in it (null when none came).
/// </summary>
public sealed record TimelinePoint(
    double T,
    long Offered,
    long Accepted,
    long? Completed,
    long Errors,
    long? Backlog,
    double? AcceptP99Ms)
{
    /// <summary>p99 of the completion latency of the orders completed in this interval, ms.</summary>
    public double? CompletionP99Ms { get; init; }

    /// <summary>
    /// Lost orders acknowledged in this interval: orders the caller was told were accepted and that never completed,
    /// by when they were acknowledged (what a power loss took back shows just before its window); null where the arm
    /// lost none or has no ledger.
    /// </summary>
    public long? LostAcked { get; init; }

    /// <summary>The timeline with each interval's lost orders, from when each was acknowledged; unchanged when none was lost.</summary>
    public static IReadOnlyList<TimelinePoint> WithLost(IReadOnlyList<TimelinePoint> timeline, double intervalSec, IReadOnlyList<double>? lostAcknowledgedSec)
    {
        if (lostAcknowledgedSec is not { Count: > 0 } lost || timeline.Count == 0)
        {
            return timeline;
        }

        return [.. timeline.Select(p => p with { LostAcked = lost.Count(t => t >= p.T && t < p.T + intervalSec) })];
    }
}

public sealed record FaultWindow(string Kind, string Target, double StartSec, double? EndSec)
{
    /// <summary>
    /// When the window's end had done its work, seconds from the measured start: a killed or stopped role's new
    /// process ready to serve, a paused one resumed; null where the end takes no time to check (a toxic removed, a
    /// burst) and in results that did not record it.
    /// </summary>
    public double? ReadySec { get; init; }

    /// <summary>
    /// Seconds from the window's start until orders were accepted again, when the window stopped them (an interval
    /// beginning within its first second accepted none of what was offered); 0 when it never stopped them; null when
    /// they never were again in the timeline, and in results that did not record it.
    /// </summary>
    public double? AcceptResumeSec { get; init; }

    /// <summary>The same for completed orders: the time until consuming resumed; null without a ledger.</summary>
    public double? CompleteResumeSec { get; init; }

    /// <summary>What a power-loss window took back from the broker's store; null for every other fault.</summary>
    public PowerLossFigures? PowerLoss { get; init; }
}

/// <summary>
/// What a power loss took back from the store of the nodes that lost it (the lazy filesystem's account): bytes and
/// writes undone, names undone (files created, removed or renamed), the fsyncs the broker had made on those stores
/// before the fault, and the files whose content went back (a cluster's prefixed with the node).
/// </summary>
public sealed record PowerLossFigures(long BytesDropped, long WritesDropped, long NamesDropped, long FsyncsBefore, IReadOnlyList<string> Files)
{
    /// <summary>The arm's <c>powerLoss: kill</c>: only the process died, the page cache kept every write (nothing taken back).</summary>
    public bool CacheKept { get; init; }

    /// <summary>The fsyncs of <see cref="FsyncsBefore"/> by file (a cluster's prefixed with the node); only files fsynced at least once.</summary>
    public IReadOnlyDictionary<string, long> FsyncsByFile { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Lost orders this power loss took: those acknowledged after the previous power-loss window ended and before this
    /// one ended (the books know which orders were acknowledged and never completed; an acknowledgement on its way when
    /// the node died reaches the caller just after the window began); null without a ledger.
    /// </summary>
    public long? LostOrders { get; init; }

    /// <summary>When the earliest and the latest of them were acknowledged, seconds relative to the window's start (negative: before it); null when none.</summary>
    public double? LostAckedFromSec { get; init; }

    /// <inheritdoc cref="LostAckedFromSec"/>
    public double? LostAckedToSec { get; init; }

    /// <summary>The broker's own count of the stream just before the power went (its leader's <c>/jsz</c>); null where it did not answer.</summary>
    public StreamReading? StreamBefore { get; init; }

    /// <summary>The same at the first answer once the nodes were back; null where none came in time.</summary>
    public StreamReading? StreamAfter { get; init; }

    /// <summary>
    /// How far the stream's last sequence went back, by the broker's own count: messages it had stored (and
    /// acknowledged) and no longer had. Null where a reading is missing or came after publishing had resumed (the
    /// stream's newest message younger than the restart), so the sequence says nothing of what was taken back.
    /// </summary>
    public long? SequencesTakenBack { get; init; }

    /// <summary>Each window's figures with the lost orders it took, from when every lost order was acknowledged.</summary>
    public static IReadOnlyList<FaultWindow> WithLostOrders(IReadOnlyList<FaultWindow> windows, IReadOnlyList<double>? lostAcknowledgedSec)
    {
        if (lostAcknowledgedSec is null)
        {
            return windows;
        }

        var previousEnd = double.NegativeInfinity;
        var result = new List<FaultWindow>(windows.Count);
        foreach (var window in windows)
        {
            if (window.PowerLoss is not { } figures)
            {
                result.Add(window);
                continue;
            }

            var start = window.StartSec;
            var (from, to) = (previousEnd, window.EndSec ?? double.PositiveInfinity);
            var taken = lostAcknowledgedSec.Where(t => t > from && t <= to).ToList();
            previousEnd = to;
            result.Add(window with
            {
                PowerLoss = figures with
                {
                    LostOrders = taken.Count,
                    LostAckedFromSec = taken.Count == 0 ? null : Math.Round(taken.Min() - start, 3),
                    LostAckedToSec = taken.Count == 0 ? null : Math.Round(taken.Max() - start, 3),
                },
            });
        }

        return result;
    }
}

/// <summary>A stream as its broker counts it: messages held, the last sequence it assigned, and those not yet acknowledged by its consumers.</summary>
public sealed record StreamReading(long Messages, long LastSeq, long Backlog);

public sealed record ExpectationVerdict(string Expr, bool Passed, string Actual);

/// <summary>The broker's counters against the ledger; a mismatch is reported, never hidden.</summary>
/// <param name="Matches">Whether they agree.</param>
/// <param name="BrokerStored">Messages the stream stored over the arm.</param>
/// <param name="LedgerExpected">Messages the ledger says it must have stored.</param>
/// <param name="Detail">Both sides in words.</param>
public sealed record ReconciliationResult(bool Matches, long BrokerStored, long LedgerExpected, string Detail);
