using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Harness.Results;

/// <summary>Shapes what an arm produced into the results contract; expectations are added by the orchestrator.</summary>
public static class ArmResultBuilder
{
    public static ArmResult Build(ArmOutcome outcome)
    {
        var load = outcome.Load;
        var check = outcome.Check;
        var synchronous = outcome.Arm.AnswersOnCompletion;
        var duration = load.MeasuredDuration.TotalSeconds;

        // Without a ledger a synchronous answer still means the workflow is done; an asynchronous one does not.
        long? completed = check?.Completed ?? (synchronous ? load.Counts.Accepted : null);
        var grid = new TimelineGrid(load.Interval.TotalSeconds);
        var timeline = TimelinePoint.WithLost(Timeline(outcome, grid), grid.IntervalSec, check?.Books.LostAcknowledgedSec);
        var faults = PowerLossFigures.WithLostOrders(
            [.. outcome.Faults.Where(f => f.Applied).Select(f => f.Window).Concat(outcome.Incidents).OrderBy(f => f.StartSec)
                .Select(f => RecoveryAnalysis.WithResumes(f, timeline, grid))],
            check?.Books.LostAcknowledgedSec);
        var result = new ArmResult
        {
            Name = outcome.Arm.Name,
            Style = outcome.Arm.Style,
            Counts = new ArmCounts(load.Counts.Offered, load.Counts.Sent, load.Counts.Accepted, completed, load.Counts.Errors, load.Counts.DroppedByGenerator),
            Interrupted = outcome.Interrupted,
            Load = !outcome.Interrupted && load.IntendedOffered is { } intended ? LoadCheck.Of(intended, load.Counts.Offered, load.Counts.DroppedByGenerator, load.Behind) : null,
            ErrorsByKind = load.ErrorsByKind,
            Throughput = Rates.Of(load.Counts.Offered, load.Counts.Accepted, completed, duration, check?.Books.LastCompletionSec ?? 0),
            LatencyMs = new ArmLatencies(load.Accept, load.AcceptUncorrected, check is null ? null : Latency.Summarise(check.Completion), load.SendDelay),
            Delivery = check?.Delivery,
            Accounting = check?.Accounting,
            Drain = new DrainSummary(Math.Round(outcome.Drain.Elapsed.TotalSeconds, 3), outcome.Drain.TimedOut),
            Recovery = RecoveryAnalysis.Analyse(timeline, grid, faults, duration, outcome.PeakBacklog),
            RetryAmplification = check?.Books.RetryAmplification,
            Resources = outcome.Resources,
            IntervalSec = grid.IntervalSec,
            Timeline = timeline,
            Faults = faults,
            Reconciliation = outcome.Reconciliation,
            Notes = Notes(outcome),
            MeasureStartTicks = load.MeasureStartTimestamp,
            FanOut = outcome.FanOut,
            Sweep = outcome.Arm.Sweep is { } point ? new SweepValue(point.Arm, point.Parameter, point.Value) : null,
            ServiceTimes = outcome.ServiceTimes,
            Tracing = outcome.Tracing,
            Consistency = outcome.Consistency,
            Devices = outcome.Devices,
            Agents = outcome.Agents,
            Placed = outcome.Placed,
            CpuMsPerOrder = outcome.CpuMsPerOrder,
            Theory = outcome.Theory,
            MovingParts = outcome.MovingParts is { } parts
                ? parts with { FailureClasses = MovingParts.ClassesOf(check?.Delivery, load.ErrorsByKind) }
                : null,
        };
        return outcome.Arm.Transport is null ? result : TransportArms.TransportResults.Adjust(result, outcome);
    }

    // Synchronous arms have no broker: their backlog is the requests in flight.
    private static List<TimelinePoint> Timeline(ArmOutcome outcome, TimelineGrid grid) => TimelineShape.Build(
        grid,
        [.. outcome.Load.Timeline.Select(i => new IntervalFacts(i.Offered, i.Accepted, i.Errors, i.AcceptP99Ms, i.InFlight))],
        outcome.Check?.Books.Completions,
        outcome.Backlog);

    /// <summary>One line per load agent: its share, or why it is missing from the arm's figures.</summary>
    private static IEnumerable<string> AgentNotes(IReadOnlyList<AgentFigures>? agents) =>
        agents is null ? [] : agents.Select(a => a.Problem is { } problem
            ? $"load agent {a.Name} on {a.Host}: {problem}; the arm's figures are the other agents' only"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"load agent {a.Name} on {a.Host} (pid {a.Pid}): offered {a.Offered}, accepted {a.Accepted}, errors {a.Errors}, accept p99 {a.AcceptMs?.P99.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} ms, send delay p99 {a.SendDelayMs?.P99.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"} ms"));

    private static List<string> Notes(ArmOutcome outcome)
    {
        var notes = new List<string>();
        if (outcome.Interrupted)
        {
            notes.Add("interrupted during the load: these are the caller's figures until then; the drain and the ledger check did not run");
        }

        if (!outcome.Prime.Complete)
        {
            notes.Add($"priming: of {outcome.Prime.Sent} orders sent one at a time before the load, {outcome.Prime.Accepted} were accepted and {outcome.Prime.Completed} completed; the chain may have started cold");
        }

        if (outcome.Drain.TimedOut)
        {
            notes.Add($"the drain reached its limit after {outcome.Drain.Elapsed.TotalSeconds:0.#}s with work outstanding (backlog {outcome.Drain.FinalBacklog?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})");
        }

        if (outcome.Check is { TornRecords: > 0 } check)
        {
            notes.Add($"{check.TornRecords} ledger slots held no complete record (a process died while writing)");
        }

        foreach (var fault in outcome.Faults.Where(f => f.Resolved is not null))
        {
            notes.Add($"{fault.Window.Kind} {fault.Window.Target} at {fault.Window.StartSec:0.###}s: that was {fault.Resolved}");
        }

        foreach (var fault in outcome.Faults.Where(f => f.Problem is not null))
        {
            notes.Add($"{fault.Window.Kind} {fault.Window.Target} at {fault.Window.StartSec:0.###}s: {fault.Problem}");
        }

        notes.AddRange(OneProcessNotes(outcome));
        notes.AddRange(Ledger.ServiceTimeScan.Notes(outcome.ServiceTimes));
        notes.AddRange(AgentNotes(outcome.Agents));
        notes.AddRange((outcome.Placed ?? []).Select(p => $"{p.Role} ran on load agent {p.Agent} on {p.Host}, reached at {p.Address}"));

        if (outcome.Reconciliation is { Matches: false } reconciliation)
        {
            // After a power loss the stream has what its store kept, not what it acknowledged: the gap is the point.
            var powerLosses = outcome.Faults.Select(f => f.Window.PowerLoss).OfType<PowerLossFigures>().Where(p => !p.CacheKept).ToList();
            var why = powerLosses.Count == 0 ? ""
                : $" (expected after a power loss: the stream's store went back to what was durable, {powerLosses.Sum(p => p.WritesDropped)} writes and {powerLosses.Sum(p => p.BytesDropped)} bytes taken back, and the consumers delivered again what their own state forgot{TakenBack(powerLosses, reconciliation)})";
            notes.Add($"the broker's counters do not match the ledger: {reconciliation.Detail}{why}");
        }

        if (outcome.Check is null)
        {
            notes.Add("this arm ran without a ledger: delivery and completion figures are not available");
        }

        return notes;
    }

    // The broker's own account of a power loss: its stream's last sequence before the fault and once it was back.
    private static string TakenBack(IReadOnlyList<PowerLossFigures> powerLosses, ReconciliationResult reconciliation)
    {
        var counted = powerLosses.Select(p => p.SequencesTakenBack).OfType<long>().ToList();
        if (counted.Count == 0)
        {
            return "";
        }

        var gap = reconciliation.LedgerExpected - reconciliation.BrokerStored;
        var all = counted.Count == powerLosses.Count ? "" : $" at {counted.Count} of its {powerLosses.Count} power losses";
        return $"; by the broker's own count its stream's last sequence went back {counted.Sum()}{all} (read before each fault and once the nodes were back), " +
               $"the ledger's gap is {gap}{(counted.Sum() == gap ? ": the sequences taken back account for it" : ", which they do not account for alone")}";
    }

    /// <summary>A process fault on one role of a one-process style hits every role: said, not left to be guessed from the figures.</summary>
    private static IEnumerable<string> OneProcessNotes(ArmOutcome outcome)
    {
        if (!Styles.InOneProcess(outcome.Arm.Style))
        {
            yield break;
        }

        string[] processKinds = ["kill", "stop", "pause"];
        foreach (var window in outcome.Faults.Where(f => f.Applied).Select(f => f.Window).Concat(outcome.Incidents)
                     .Where(w => (processKinds.Contains(w.Kind) || w.Kind == "crash") && w.Target != Links.LinkTopology.Broker))
        {
            yield return $"{window.Kind} {window.Target} at {window.StartSec:0.###}s hit the whole process: {outcome.Arm.Style} runs every role in the edge's one process, " +
                (window.Kind == "pause" ? "so every role was paused with it" : "so every role went down with it and the orders in its channels were lost");
        }
    }
}
