using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Calibration;

/// <summary>
/// Calibration from a measured run's ledgers, arm by arm. Service times: for every order whose steps all ran at their
/// first attempt, what the step's execution took (the ledger records it) plus one hop, the time from the previous
/// step's effect to this one for an order that did not queue; from ledgers without service times, that gap itself,
/// which counts any queueing as service. Only orders the edge took before
/// the arm's first fault count, so an outage's waiting is not taken for service time. The edge's time is the way in
/// from the caller's log, and the caller's answer waits the way back (<see cref="CallerHops"/>); without that log the
/// edge keeps the scenario's cost. Restart: from the end of a kill window to the first effect
/// written by the role's new process (a new pid), in JetStream arms, whose stream has work waiting for it; other arms,
/// and a JetStream arm whose waiting work all expired first, take the mean of those, raised in the latter case to the
/// expiry of the last message the new process never took (it would have, had it been ready). The fault windows and the clock's origin come from the run's
/// <c>results.json</c>.
/// </summary>
public sealed record LedgerCalibration(string RunFolder, IReadOnlyDictionary<string, ArmCalibration> Arms)
{
    /// <summary>At most this many gaps per step are kept (an even sample of the run).</summary>
    public const int MaxSamples = 100_000;

    public string Describe() => $"{RunFolder} ({string.Join("; ", Arms.Values.Select(a => a.Describe()))})";

    public static LedgerCalibration FromRun(string runFolder)
    {
        var ledgers = Path.Combine(runFolder, "ledgers");
        var resultsPath = Path.Combine(runFolder, "results.json");
        if (!Directory.Exists(ledgers) || !File.Exists(resultsPath))
        {
            throw new FileNotFoundException($"{runFolder} has no ledgers/ folder and results.json: --calibrate-from needs a measured run folder", ledgers);
        }

        var arms = new Dictionary<string, ArmCalibration>(StringComparer.Ordinal);
        var results = ResultsJson.Read(resultsPath);
        var scenario = ReadScenario(runFolder, results.Scenario);
        foreach (var arm in results.Arms.Where(a => !a.Simulated))
        {
            var folder = Path.Combine(ledgers, arm.Name);
            if (Roles.All.All(r => File.Exists(Path.Combine(folder, $"{r}.ledger"))))
            {
                var answersOnCompletion = scenario?.RunArms().FirstOrDefault(a => a.Name == arm.Name)?.AnswersOnCompletion ?? Styles.AnswersOnCompletion(arm.Style);
                arms[arm.Name] = FromArm(folder, arm, Path.Combine(runFolder, $"{arm.Name}.calls.bin"), answersOnCompletion);
            }
        }

        if (arms.Count == 0)
        {
            throw new FileNotFoundException($"no arm under {ledgers} has a ledger for each of {string.Join(", ", Roles.All)}");
        }

        // A restart shows in the ledger only where work waited for the new process and did not expire first. The same
        // role on the same machine restarts alike in every arm, so the others take the mean of those measured.
        var measured = arms.Values.Select(a => a.RestartSeconds).OfType<double>().ToList();
        foreach (var arm in results.Arms.Where(a => arms.ContainsKey(a.Name) && arms[a.Name].RestartSeconds is null))
        {
            if (arm.Faults.Any(f => f.Kind is "kill" or "stop" && f.EndSec is not null))
            {
                // Where everything waiting expired, the new process cannot have been ready before the last of it did.
                var floor = ExpiryFloor(Path.Combine(ledgers, arm.Name), arm, scenario?.Arms.FirstOrDefault(a => a.Name == arm.Name)?.JetStream?.MaxAge);
                double? restart = measured.Count > 0 ? measured.Average() : null;
                restart = floor is { } f && (restart is null || f > restart) ? f : restart;
                if (restart is not null)
                {
                    arms[arm.Name] = arms[arm.Name] with { RestartSeconds = restart, RestartFromOtherArms = true };
                }
            }
        }

        return new LedgerCalibration(runFolder, arms);
    }

    private static ArmCalibration FromArm(string armFolder, ArmResult arm, string callLog, bool answersOnCompletion)
    {
        var records = Roles.All.ToDictionary(r => r, r => new LedgerReader(Path.Combine(armFolder, $"{r}.ledger")).Read().ToList());
        var start = arm.MeasureStartTicks;
        long? cutoff = start is { } s && arm.Faults.Count > 0 ? s + Ticks(arm.Faults.Min(f => f.StartSec)) : null;
        var early = records[Roles.Edge].Where(r => cutoff is null || r.Timestamp < cutoff).Select(r => r.Id).ToHashSet();
        var first = records.ToDictionary(e => e.Key, e => FirstAttempts(e.Value, early));
        var samplers = new Dictionary<string, ServiceSampler>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < Roles.All.Count; i++)
        {
            var before = first[Roles.All[i - 1]];
            var role = Roles.All[i];
            var gaps = first[role].Where(e => before.TryGetValue(e.Key, out var p) && e.Value > p)
                .Select(e => (Id: e.Key, Seconds: (e.Value - before[e.Key]) / (double)Stopwatch.Frequency)).ToList();
            if (gaps.Count == 0)
            {
                throw new InvalidDataException($"the ledgers of {armFolder} hold no order that reached {role} after {Roles.All[i - 1]}");
            }

            var samples = ServicePlusHop(gaps, MeasuredService(records[role], early));

            samplers[role] = Sample(samples);
            counts[role] = samples.Count;
        }

        // The edge's station takes the way in, its own work included; the way back delays the caller's answer.
        ServiceSampler? back = null;
        if (CallerHops.From(callLog, first, Roles.Edge, answersOnCompletion, early) is { } hops)
        {
            samplers[Roles.Edge] = Sample(hops.In);
            counts[Roles.Edge] = hops.In.Count;
            back = Sample(hops.Back);
        }

        // Only a stream holds work for the restarted process the moment it is ready, so only there does its first
        // effect time the restart; a synchronous arm's next call may come seconds later (a retry's backoff, or none
        // after the load ended).
        return new ArmCalibration(arm.Name, samplers, counts, Styles.NeedsStream(arm.Style) ? Restart(arm, records) : null) { AnswerHop = back };
    }

    /// <summary>Mean seconds from the end of each kill or stop window to the first effect of the role's next process.</summary>
    private static double? Restart(ArmResult arm, Dictionary<string, List<LedgerRecord>> records)
    {
        if (arm.MeasureStartTicks is not { } origin)
        {
            return null;
        }

        var delays = new List<double>();
        foreach (var window in arm.Faults.Where(f => f.Kind is "kill" or "stop" && f.EndSec is not null && records.ContainsKey(f.Target)))
        {
            var began = origin + Ticks(window.StartSec);
            var ended = origin + Ticks(window.EndSec!.Value);
            var old = records[window.Target].Where(r => r.Timestamp < began).Select(r => r.Pid).ToHashSet();
            var firstNew = records[window.Target].Where(r => r.Timestamp >= ended && !old.Contains(r.Pid)).Select(r => r.Timestamp).DefaultIfEmpty(long.MaxValue).Min();
            if (firstNew != long.MaxValue)
            {
                delays.Add((firstNew - ended) / (double)Stopwatch.Frequency);
            }
        }

        return delays.Count == 0 ? null : delays.Average();
    }

    /// <summary>
    /// For a JetStream arm with a TTL: seconds from the end of the kill window to the expiry of the last message the
    /// killed role never took (its previous step's effect plus max age): a lower bound of the restart.
    /// </summary>
    private static double? ExpiryFloor(string armFolder, ArmResult arm, TimeSpan? maxAge)
    {
        if (maxAge is not { } age || age <= TimeSpan.Zero || arm.MeasureStartTicks is not { } origin)
        {
            return null;
        }

        double? floor = null;
        foreach (var window in arm.Faults.Where(f => f.Kind is "kill" or "stop" && f.EndSec is not null))
        {
            var index = Roles.All.ToList().IndexOf(window.Target);
            if (index < 1)
            {
                continue;
            }

            var taken = new LedgerReader(Path.Combine(armFolder, $"{window.Target}.ledger")).Read().Select(r => r.Id).ToHashSet();
            var waiting = new LedgerReader(Path.Combine(armFolder, $"{Roles.All[index - 1]}.ledger")).Read()
                .Where(r => !taken.Contains(r.Id)).Select(r => r.Timestamp).DefaultIfEmpty(long.MinValue).Max();
            if (waiting != long.MinValue)
            {
                var seconds = ((waiting - origin) / (double)Stopwatch.Frequency) + age.TotalSeconds - window.EndSec!.Value;
                floor = Math.Max(floor ?? 0, seconds);
            }
        }

        return floor;
    }

    /// <summary>The run's effective scenario (saved as <c>scenario.yaml</c>, so read under the scenario's own name).</summary>
    private static Harness.Model.Scenarios.Scenario? ReadScenario(string runFolder, string name)
    {
        var path = Path.Combine(runFolder, "scenario.yaml");
        return File.Exists(path) ? Harness.Model.Scenarios.Loading.ScenarioLoader.Parse(File.ReadAllText(path), name + ".yaml") : null;
    }

    /// <summary>An empirical distribution of at most <see cref="MaxSamples"/> of the values, evenly taken.</summary>
    private static ServiceSampler Sample(IReadOnlyList<double> values)
    {
        var step = Math.Max(1, values.Count / MaxSamples);
        return ServiceSampler.Empirical(values.Where((_, n) => n % step == 0).ToList());
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    /// <summary>
    /// The samples of a step's service: where the ledger records what each execution took, that time plus the hop, the
    /// gap of an order that did not queue (the tenth percentile of gap minus service: at a utilisation below 0.9 more
    /// than a tenth of the orders find a free worker). The gap alone counts the queueing as service, and a station at
    /// utilisation 0.5 calibrated so would be simulated at 1. Ledgers written without service times give the gaps.
    /// The hop is a constant here, and part of the service: a worker is not busy while a request travels, so a
    /// distribution of hops in the service would load a busy station with time it does not spend.
    /// </summary>
    private static List<double> ServicePlusHop(List<(OrderId Id, double Seconds)> gaps, Dictionary<OrderId, double> service)
    {
        var timed = gaps.Where(g => service.ContainsKey(g.Id)).ToList();
        if (timed.Count < gaps.Count / 2 || timed.Count == 0)
        {
            return gaps.Select(g => g.Seconds).ToList();
        }

        var hops = timed.Select(g => Math.Max(0, g.Seconds - service[g.Id])).Order().ToList();
        var hop = hops[hops.Count / 10];
        return timed.Select(g => service[g.Id] + hop).ToList();
    }

    /// <summary>What each first attempt of the given orders took, in seconds, where the record says.</summary>
    private static Dictionary<OrderId, double> MeasuredService(List<LedgerRecord> records, HashSet<OrderId> orders)
    {
        var service = new Dictionary<OrderId, double>();
        foreach (var record in records)
        {
            if (record.Attempt == 1 && !StepCodes.IsFailedAttempt(record.Step) && record.ServiceMicros != LedgerRecord.None && orders.Contains(record.Id))
            {
                service.TryAdd(record.Id, record.ServiceMicros / 1e6);
            }
        }

        return service;
    }

    private static Dictionary<OrderId, long> FirstAttempts(List<LedgerRecord> records, HashSet<OrderId> orders)
    {
        var first = new Dictionary<OrderId, long>();
        foreach (var record in records)
        {
            if (record.Attempt == 1 && !StepCodes.IsFailedAttempt(record.Step) && orders.Contains(record.Id))
            {
                first.TryAdd(record.Id, record.Timestamp);
            }
        }

        return first;
    }
}
