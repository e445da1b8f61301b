using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Results;
using static ArchLab.Reports.Formatting.Invariant;

namespace ArchLab.Reports;

/// <summary>A table as text cells, rendered by both the Markdown and the HTML page so they never disagree.</summary>
public sealed record TextTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>The tables of a report page, figures formatted for a reader in the invariant culture.</summary>
public static class ReportTables
{
    public static IReadOnlyList<(string Label, string Value)> Environment(RunResults r) =>
    [
        ("scenario", r.Scenario),
        ("profile", r.Profile ?? NotApplicable),
        ("started (UTC)", r.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
        ("seed", Count(r.Seed)),
        ("machine", r.Environment.Machine),
        ("cores", Count(r.Environment.Cores)),
        ("OS", r.Environment.Os),
        (".NET", r.Environment.Dotnet),
        ("nats-server", r.Environment.NatsServer ?? NotApplicable),
        .. r.Environment.RabbitMq is { } rabbit
            ? [("rabbitmq-server", $"{rabbit.Version ?? "?"}, node started in {rabbit.StartupSec.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s")]
            : Array.Empty<(string, string)>(),
        .. r.Simulated ? [("source", "simulator")] : Array.Empty<(string, string)>(),
    ];

    public static TextTable Expectations(RunResults r) => new(
        ["arm", "expectation", "verdict", "actual"],
        r.Arms.SelectMany(a => a.Expectations.Select(e => Row(a.Name, e.Expr, e.Passed ? "PASS" : "FAIL", e.Actual))).ToList());

    public static TextTable Summary(RunResults r) => new(
        ["arm", "style", "offered", "accepted", "completed", "errors", "completed/s", "accept p50", "accept p99", "accept p99.9", "completion p50", "completion p99", "completion p99.9", "retry ×"],
        r.Arms.Select(a => Row(
            a.Name, a.Style, Count(a.Counts.Offered), Count(a.Counts.Accepted), Count(a.Counts.Completed), Count(a.Counts.Errors),
            Number(a.Throughput.CompletedPerSec),
            Ms(a.LatencyMs.Accept?.P50), Ms(a.LatencyMs.Accept?.P99), Ms(a.LatencyMs.Accept?.P999),
            Ms(a.LatencyMs.Completion?.P50), Ms(a.LatencyMs.Completion?.P99), Ms(a.LatencyMs.Completion?.P999),
            Number(a.RetryAmplification))).ToList());

    public static TextTable Delivery(RunResults r) => new(
        ["arm", "ok", "duplicated", "lost", "pending", "expired", "deadLettered", "unexpected", "recovered", "books"],
        r.Arms.Select(a => a.Delivery is { } d
            ? Row(a.Name, Count(d.Ok), Count(d.Duplicated), Count(d.Lost), Count(d.Pending), Count(d.Expired), Count(d.DeadLettered),
                Count(d.Unexpected), Count(d.Recovered), a.Accounting is { } check ? (check.AddsUp ? "add up" : "DO NOT ADD UP") : NotApplicable)
            : Row(a.Name, NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable, "no ledger")).ToList());

    /// <summary>The fan-out of each arm; empty when every arm has one receiver and nothing is swept.</summary>
    public static TextTable FanOut(RunResults r) => new(
        ["arm", "receivers", "how", "sender endpoints", "edge CPU ms/request", "slow at caller", "slow at completion", "1-(1-p)^N"],
        r.Arms.Any(a => a.FanOut is { Receivers: > 1 } || a.Sweep is not null)
            ? r.Arms.Where(a => a.FanOut is not null).Select(a => Row(
                a.Name, Count(a.FanOut!.Receivers), a.FanOut.Mode, Count(a.FanOut.SenderEndpoints), Number(a.FanOut.EdgeCpuMsPerRequest),
                Percent(a.FanOut.AcceptSlowFraction), Percent(a.FanOut.CompletionSlowFraction), Percent(a.FanOut.ExpectedSlowFraction))).ToList()
            : []);

    /// <summary>
    /// Each costed step's service time per arm: configured, drawn and measured, and the deviation of measured from
    /// drawn, flagged past <see cref="StepServiceTime.FlagAbove"/>. Empty when no arm measured one.
    /// </summary>
    public static TextTable ServiceTimes(RunResults r) => new(
        ["arm", "step", "configured", "executions", "configured mean", "configured p99", "drawn mean", "drawn p99", "measured mean", "measured p50", "measured p99", "deviation mean", "deviation p99"],
        r.Arms.SelectMany(a => (a.ServiceTimes ?? []).Select(t => Row(
            a.Name, t.Step, t.Mode == "cpu" ? $"{t.Configured} cpu" : t.Configured, Count(t.Measured.Count),
            Ms(t.ConfiguredMeanMs), Ms(t.ConfiguredP99Ms), Ms(t.DrawnMeanMs), Ms(t.DrawnP99Ms),
            Ms(t.Measured.Mean), Ms(t.Measured.P50), Ms(t.Measured.P99), Deviation(t.MeanDeviation), Deviation(t.P99Deviation)))).ToList());

    /// <summary>
    /// A <c>run --with-sim</c>'s measured arms against their simulated twins, one row per figure compared or left out
    /// (a figure neither side has is not listed). Empty for any other run.
    /// </summary>
    public static TextTable Agreement(RunResults r) => new(
        ["arm", "figure", "measured", "simulated", "bound ±", "verdict"],
        (r.Agreement ?? []).Where(f => f.Verdict != AgreementVerdict.NotApplicable).Select(f => Row(
            f.Arm, f.Figure, Figure(f.Figure, f.Measured), Figure(f.Figure, f.Simulated), Figure(f.Figure, f.Bound),
            f.Verdict switch
            {
                AgreementVerdict.Agree => "agree",
                AgreementVerdict.Disagree => "DIFFER",
                _ => $"not modelled: {f.Reason}",
            })).ToList());

    /// <summary>What each measured arm needed running and configured (<see cref="Harness.Model.Results.MovingParts"/>); empty when none has it.</summary>
    public static TextTable MovingParts(RunResults r) => new(
        ["arm", "style", "processes", "listening ports", "streams", "consumers", "subjects", "config keys", "code lines", "failure classes seen"],
        r.Arms.Where(a => a.MovingParts is not null).Select(a => (Arm: a, Parts: a.MovingParts!)).Select(x => Row(
            x.Arm.Name, x.Arm.Style, Count(x.Parts.Processes), Count(x.Parts.ListeningPorts), Count(x.Parts.Broker?.Streams),
            Count(x.Parts.Broker?.Consumers), Count(x.Parts.Broker?.Subjects), Count(x.Parts.ConfigKeys), Count(x.Parts.CodeLines),
            x.Parts.FailureClasses.Count == 0 ? "none" : string.Join(", ", x.Parts.FailureClasses))).ToList());

    /// <summary>What each arm's caller found reading its orders back, and how long the read model lagged; empty without a read side.</summary>
    public static TextTable Consistency(RunResults r) => new(
        ["arm", "read after", "reads", "stale", "stale share", "lag p50", "lag p99", "lag max", "never shown"],
        r.Arms.Where(a => a.Consistency is not null).Select(a => (Arm: a, C: a.Consistency!)).Select(x => Row(
            x.Arm.Name, Ms(x.C.ReadAfterMs), Count(x.C.Reads), Count(x.C.StaleReads), Percent(x.C.StaleShare),
            Ms(x.C.WindowMs?.P50), Ms(x.C.WindowMs?.P99), Ms(x.C.WindowMs?.Max), Count(x.C.NeverShown))).ToList());

    /// <summary>What each arm's browser pages saw of its orders, and what they sent to learn of them; empty without devices.</summary>
    public static TextTable Devices(RunResults r) => new(
        ["arm", "via", "pages", "updates", "shown", "missed", "duplicates", "delay p50", "delay p99", "delay max", "requests", "requests/update", "disconnects"],
        r.Arms.Where(a => a.Devices is not null).Select(a => (Arm: a, D: a.Devices!)).Select(x => Row(
            x.Arm.Name, x.D.EveryMs is { } every ? $"poll every {Ms(every)}" : x.D.Via, Count(x.D.Pages), Count(x.D.Updates), Count(x.D.Shown),
            Count(x.D.Missed), Count(x.D.Duplicates), Ms(x.D.DelayMs?.P50), Ms(x.D.DelayMs?.P99), Ms(x.D.DelayMs?.Max), Count(x.D.Requests),
            x.D.RequestsPerUpdate?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a", Count(x.D.Disconnects))).ToList());

    /// <summary>
    /// What each arm's traces show (<see cref="ArmTracing"/>), beside what the arm cost in CPU and accept latency, so
    /// that a traced arm reads against its untraced twin; empty when no arm traced.
    /// </summary>
    public static TextTable Tracing(RunResults r) => new(
        ["arm", "tracing", "orders", "one tree from the caller", "spans per order", "step gap p50", "step gap p99", "CPU ms per order", "accept p50", "accept p99"],
        r.Arms.Any(a => a.Tracing is not null)
            ? r.Arms.Where(a => !a.Simulated).Select(a => a.Tracing is { } t
                ? Row(a.Name, t.Mode, Count(t.Orders), Percent(t.CompleteShare), Number(t.SpansPerOrder), Ms(t.StepGapMs?.P50), Ms(t.StepGapMs?.P99),
                    Number(a.CpuMsPerOrder), Ms(a.LatencyMs.Accept?.P50), Ms(a.LatencyMs.Accept?.P99))
                : Row(a.Name, "off", NotApplicable, NotApplicable, NotApplicable, NotApplicable, NotApplicable,
                    Number(a.CpuMsPerOrder), Ms(a.LatencyMs.Accept?.P50), Ms(a.LatencyMs.Accept?.P99))).ToList()
            : []);

    /// <summary>
    /// Moving parts across many runs, a row per style: each figure's range over the arms of that style (settings vary
    /// with an arm's options), and every failure class seen in any of them. Empty when no arm has them.
    /// </summary>
    public static TextTable PartsByStyle(IEnumerable<ArmResult> arms) => new(
        ["style", "arms", "processes", "listening ports", "streams", "consumers", "subjects", "config keys", "code lines", "failure classes seen"],
        arms.Where(a => a.MovingParts is not null && !a.Simulated).GroupBy(a => a.Style).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var parts = g.Select(a => a.MovingParts!).ToList();
            var seen = parts.SelectMany(p => p.FailureClasses).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return Row(g.Key, Count(parts.Count), Range(parts, p => p.Processes), Range(parts, p => p.ListeningPorts),
                Range(parts, p => p.Broker?.Streams), Range(parts, p => p.Broker?.Consumers), Range(parts, p => p.Broker?.Subjects),
                Range(parts, p => p.ConfigKeys), Range(parts, p => p.CodeLines), seen.Count == 0 ? "none" : string.Join(", ", seen));
        }).ToList());

    public static TextTable Recovery(RunResults r) => new(
        ["arm", "time to recover", "drain", "peak backlog"],
        r.Arms.Select(a => Row(a.Name, SecondsText(a.Recovery.TimeToRecoverSec), SecondsText(a.Recovery.DrainSec), Count(a.Recovery.PeakBacklog))).ToList());

    public static TextTable Faults(RunResults r) => new(
        ["arm", "kind", "target", "from", "to", "accepting again after", "completing again after"],
        r.Arms.SelectMany(a => a.Faults.Select(f => Row(a.Name, f.Kind, f.Target, SecondsText(f.StartSec), f.EndSec is null ? "end" : SecondsText(f.EndSec),
            Resume(f.AcceptResumeSec), Resume(f.CompleteResumeSec)))).ToList());

    /// <summary>
    /// Each power loss: the acknowledged orders it took and when they were acknowledged relative to the fault, what the
    /// lazy filesystem took back, and the broker's own count of the stream before and once it was back.
    /// </summary>
    public static TextTable PowerLosses(RunResults r) => new(
        ["arm", "target", "at", "acknowledged orders lost", "acknowledged from .. to", "taken back from the store", "fsyncs before", "stream's last sequence before .. after"],
        r.Arms.SelectMany(a => a.Faults.Where(f => f.PowerLoss is not null).Select(f => (Arm: a.Name, Window: f, Loss: f.PowerLoss!)))
            .Select(p => Row(
                p.Arm, p.Window.Target, SecondsText(p.Window.StartSec), Count(p.Loss.LostOrders),
                p.Loss.LostAckedFromSec is { } from ? $"{Signed(from)} .. {Signed(p.Loss.LostAckedToSec)}" : NotApplicable,
                p.Loss.CacheKept ? "nothing (the page cache kept it)" : $"{Count(p.Loss.BytesDropped)} bytes, {Count(p.Loss.WritesDropped)} writes, {Count(p.Loss.NamesDropped)} names",
                Count(p.Loss.FsyncsBefore),
                Sequences(p.Loss))).ToList());

    private static string Signed(double? seconds) =>
        seconds is { } s ? s.ToString("+0.###;-0.###;0", System.Globalization.CultureInfo.InvariantCulture) + " s" : NotApplicable;

    private static string Sequences(PowerLossFigures loss) =>
        $"{Count(loss.StreamBefore?.LastSeq)} .. {Count(loss.StreamAfter?.LastSeq)}" + loss.SequencesTakenBack switch
        {
            null => "",
            0 => " (none taken back)",
            { } back => $" ({Count(back)} taken back)",
        };

    // 0: the window never stopped them; null: they never resumed, or the results did not record it.
    private static string Resume(double? seconds) => seconds switch
    {
        null => "n/a",
        0 => "never stopped",
        { } s => SecondsText(s),
    };

    /// <summary>Whether the run finished, then every note of every arm, prefixed by the arm.</summary>
    public static IReadOnlyList<string> ArmNotes(RunResults r) => [.. Notes(r)];

    private static IEnumerable<string> Notes(RunResults r)
    {
        if (r.Interrupted is { } why)
        {
            yield return $"the run did not finish: {why}; the figures are those of the arms it got to";
        }

        foreach (var skipped in r.NotRun)
        {
            yield return $"{skipped.Arm} ({skipped.Style}) was not run: {skipped.Reason}";
        }

        foreach (var a in r.Arms)
        {
            if (a.Load?.Shortfall is { } shortfall)
            {
                yield return $"{a.Name}: the load was not what was asked: {shortfall}";
            }

            foreach (var n in a.Notes)
            {
                yield return $"{a.Name}: {n}";
            }

            if (a.Accounting is { AddsUp: false } c)
            {
                yield return $"{a.Name}: the books do not add up: {c.Detail}";
            }

            if (a.Reconciliation is { Matches: false } rec)
            {
                yield return $"{a.Name}: broker and ledger disagree: {rec.Detail}";
            }

            if (a.Drain is { TimedOut: true } dr)
            {
                yield return $"{a.Name}: the drain hit its limit after {Seconds(dr.Seconds)} s";
            }
        }
    }

    /// <summary>A signed percentage, marked when past the flag.</summary>
    private static string Deviation(double? fraction) => fraction switch
    {
        null => NotApplicable,
        { } f => (f * 100).ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture) + " %"
            + (Math.Abs(f) > StepServiceTime.FlagAbove ? " (past 5 %)" : ""),
    };

    private static string Figure(string figure, double? value) => figure switch
    {
        _ when value is null => NotApplicable,
        "drainSec" => SecondsText(value),
        _ when figure.Contains('.', StringComparison.Ordinal) => Ms(value),
        _ => Text($"{value:0.#}"),
    };

    /// <summary>The smallest and the largest of a figure, or the one value they share.</summary>
    private static string Range(IReadOnlyList<MovingParts> parts, Func<MovingParts, int?> figure)
    {
        var values = parts.Select(figure).OfType<int>().ToList();
        return values.Count == 0 ? NotApplicable : values.Min() == values.Max() ? Count(values.Min()) : $"{Count(values.Min())}-{Count(values.Max())}";
    }

    private static string Percent(double? fraction) =>
        fraction is { } f ? (f * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %" : NotApplicable;

    private static string SecondsText(double? seconds) => seconds is null ? NotApplicable : Seconds(seconds) + " s";

    private static IReadOnlyList<string> Row(params string[] cells) => cells;
}
