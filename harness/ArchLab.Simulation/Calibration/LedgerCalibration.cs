using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Calibration;

/// <summary>
/// Calibration from a measured run's ledgers, arm by arm. Service times: for every order whose steps all ran at their
/// first attempt, what the step's execution took (the ledger records it), and the hop before it, the time from the
/// previous step's effect to this one less the service for orders that did not queue (<see cref="StepTimes.ServiceAndHop"/>);
/// from ledgers without service times, that gap itself, which counts any queueing as service. Only measured orders the edge took outside
/// every fault's window, and not in flight when one began, count (a failing step's excepted: its failed attempts are left out anyway), so neither an
/// outage's waiting nor the warm-up's compiling is taken for service time; where fewer than
/// <see cref="MinIdleOrders"/> remain, the orders before the first fault; an order any step ran twice is left out. The
/// edge's time is the way in from the caller's log, and the caller's answer waits the way back (<see cref="CallerHops"/>),
/// both from the orders outside the windows of faults on anything but a step (a step's fault stalls no leg); without
/// that log the edge keeps the scenario's cost. Restart: from the end of a kill window to the first effect written by
/// the role's new process (a new pid), in JetStream arms, whose stream has work waiting for it; in other arms, from the
/// window's end to the new process's ready line as the harness saw it; an arm without either, and a JetStream arm whose
/// waiting work all expired first, take the mean of those measured, raised in the latter case to the expiry of the last
/// message the new process never took (it would have, had it been ready). The fault windows and the clock's origin
/// come from the run's <c>results.json</c>.
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
            var spec = scenario?.RunArms().FirstOrDefault(a => a.Name == arm.Name);
            var chain = Chain.Of(arm, spec, scenario);
            if (chain.Roles.All(r => File.Exists(Path.Combine(folder, $"{r}.ledger"))))
            {
                var answersOnCompletion = spec?.AnswersOnCompletion ?? Styles.AnswersOnCompletion(arm.Style);
                arms[arm.Name] = FromArm(folder, arm, chain, Path.Combine(runFolder, $"{arm.Name}.calls.bin"), answersOnCompletion, scenario);
            }
        }

        if (arms.Count == 0)
        {
            throw new FileNotFoundException($"no arm under {ledgers} has a ledger for each of its roles ({string.Join(", ", Roles.All)}, or notify.1..N for a fan-out)");
        }

        // A restart shows in the ledger only where work waited for the new process and did not expire first. The same
        // role on the same machine restarts alike in every arm, so the others take the mean of those measured.
        var measured = arms.Values.Select(a => a.RestartSeconds).OfType<double>().ToList();
        foreach (var arm in results.Arms.Where(a => arms.ContainsKey(a.Name) && arms[a.Name].RestartSeconds is null))
        {
            if (arm.Faults.Any(f => (f.Kind is "kill" or "stop" && f.EndSec is not null) || f.Kind == "crash"))
            {
                // Where everything waiting expired, the new process cannot have been ready before the last of it did.
                var floor = ExpiryFloor(Path.Combine(ledgers, arm.Name), arm, scenario?.Arms.FirstOrDefault(a => a.Name == arm.Name) is { } spec ? spec.JetStream?.MaxAge ?? spec.RabbitMq?.MaxAge : null);
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

    private static ArmCalibration FromArm(string armFolder, ArmResult arm, Chain chain, string callLog, bool answersOnCompletion, Harness.Model.Scenarios.Scenario? scenario)
    {
        var records = chain.Roles.ToDictionary(r => r, r => new LedgerReader(Path.Combine(armFolder, $"{r}.ledger")).Read().ToList());
        var start = arm.MeasureStartTicks;
        long? cutoff = start is { } s && arm.Faults.Count > 0 ? s + Ticks(arm.Faults.Min(f => f.StartSec)) : null;
        var early = records[Roles.Edge].Where(r => cutoff is null || r.Timestamp < cutoff).Select(r => r.Id).ToHashSet();
        // Measured orders (the warm-up's first calls pay for compiling the code paths) outside every fault's window but
        // that of a step that only fails, whose failed attempts are left out anyway; where too few, those before the
        // first fault.
        // An order some step ran again (a caller's retry after an attempt timed out, a redelivery) spent the retry's
        // wait between its first attempts: after a burst, a 1 s attempt timeout and a backoff made a 20 ms step's
        // next hop look like 640 ms.
        var again = records.Values.SelectMany(r => r).Where(r => r.Attempt > 1 || StepCodes.IsFailedAttempt(r.Step)).Select(r => r.Id).ToHashSet();
        var windows = start is { } origin ? new StallWindows(origin, records) : null;
        HashSet<OrderId> Basis(IReadOnlyList<FaultWindow> stalls, bool legs = false)
        {
            var calm = windows is null ? early : records[Roles.Edge]
                .Where(r => r.Timestamp >= windows.Origin && !(legs ? windows.StalledLeg(r, stalls) : windows.Stalled(r, stalls)))
                .Select(r => r.Id).ToHashSet();
            var basis = calm.Count >= MinIdleOrders ? calm : [.. early];
            if (basis.Count(id => !again.Contains(id)) >= MinIdleOrders)
            {
                basis.ExceptWith(again);
            }

            return basis;
        }

        var basis = Basis([.. arm.Faults.Where(f => !StallWindows.OnlyFails(f, scenario))]);

        var first = records.ToDictionary(e => e.Key, e => FirstAttempts(e.Value, basis));
        var samplers = new Dictionary<string, ServiceSampler>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var hopSamplers = new Dictionary<string, ServiceSampler>(StringComparer.Ordinal);
        var ways = new List<(string Name, IReadOnlyDictionary<OrderId, double> ByOrder)>();
        var stepHops = new List<(string Role, Dictionary<OrderId, double> Hop, bool Idle)>();
        var holds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var role in chain.Roles.Skip(1))
        {
            var previous = chain.Previous(role);
            var before = first[previous];
            var gaps = first[role].Where(e => before.TryGetValue(e.Key, out var p) && e.Value > p)
                .Select(e => (Id: e.Key, Seconds: (e.Value - before[e.Key]) / (double)Stopwatch.Frequency)).ToList();
            if (gaps.Count == 0)
            {
                throw new InvalidDataException($"the ledgers of {armFolder} hold no order that reached {role} after {previous}");
            }

            var (service, hop, idle) = StepTimes.ServiceAndHop(gaps, StepTimes.MeasuredService(records[role], basis), before, records[role]);
            samplers[role] = Sample(service);
            counts[role] = service.Count;
            if (StepTimes.Hold(records[role], first[previous]) is { } hold)
            {
                holds[role] = hold;
            }

            if (hop is not null)
            {
                stepHops.Add((role, hop, idle));
            }
        }

        foreach (var (role, hop) in StepTimes.HopsOfBusySteps(stepHops))
        {
            hopSamplers[role] = Sample([.. hop.Values]);
            ways.Add((role, hop));
        }

        // The edge's station takes the way in, its own work included; the way back delays the caller's answer.
        ServiceSampler? back = null;
        Journeys? legs = null;
        Journeys? late = null;
        // The caller's legs pass through no step: a fault on a step stalls none of them, and the orders in its window
        // are legs like any other. Leaving them out skewed the legs: idempotency's JetStream edge answered the orders
        // outside its step faults at a p50 of 0.97 to 1.49 ms, those inside at 0.78 to 1.05 (a machine busier with the
        // redeliveries parks its threads less).
        var legBasis = Basis([.. arm.Faults.Where(f => !StallWindows.OnlyFails(f, scenario) && !chain.Roles.Skip(1).Contains(f.Target) && f.Target != Roles.Notify)], legs: true);
        var legFirst = records.ToDictionary(e => e.Key, e => FirstAttempts(e.Value, legBasis));
        if (CallerHops.From(callLog, legFirst, Roles.Edge, answersOnCompletion, legBasis) is { } hops)
        {
            samplers[Roles.Edge] = Sample([.. hops.In.Values]);
            counts[Roles.Edge] = hops.In.Count;
            back = Sample([.. hops.Back.Values]);
            legs = Journeys.Of([(Journeys.In, hops.In), (Journeys.Back, hops.Back)], MinIdleOrders, MaxSamples);
            // The caller's lateness from calm orders only: in a step's outage a synchronous arm's caller runs out of
            // in-flight slots, and its wait for one, which the simulator's own bound stands for, would count twice.
            late = Journeys.Of([(Journeys.Send, (IReadOnlyDictionary<OrderId, double>)hops.Send.Where(s => basis.Contains(s.Key)).ToDictionary())], MinIdleOrders, MaxSamples);
        }

        // Only a stream holds work for the restarted process the moment it is ready, so only there does its first
        // effect after a kill time the restart; a synchronous arm's next call may come seconds later (a retry's backoff,
        // or none after the load ended). A crash happens under load, with calls coming every few milliseconds: there
        // the first effect of the new process times its restart in every style (a REST host is up sooner than a
        // JetStream consumer, which must also connect and pull).
        return new ArmCalibration(arm.Name, samplers, counts, Restart(arm, records, kills: Styles.NeedsStream(arm.Style) || Styles.NeedsRabbit(arm.Style)))
        {
            AnswerHop = back,
            Hops = hopSamplers,
            Holds = holds,
            ReadModelHop = answersOnCompletion ? null : ReadModelHop(armFolder, records, chain),
            Journeys = [.. new[] { legs, late, Journeys.Of(ways, MinIdleOrders, MaxSamples) }.OfType<Journeys>()],
            BrokerOutages = BrokerOutage.Of(arm, records, chain.Roles.Skip(1)),
        };
    }

    /// <summary>
    /// Mean seconds from the end of each kill or stop window, or from the last effect before a crash, to the first effect
    /// of the role's next process.
    /// </summary>
    private static double? Restart(ArmResult arm, Dictionary<string, List<LedgerRecord>> records, bool kills)
    {
        if (arm.MeasureStartTicks is not { } origin)
        {
            return null;
        }

        var delays = new List<double>();
        // Where no stream holds work for the new process, the harness's own reading of it: from the window's end to
        // the new process's ready line. A REST step is ready sooner than a JetStream consumer, which must also connect
        // and pull: taking the stream arms' mean made retention's simulated rest-retry wait 30% longer at its p50.
        foreach (var window in arm.Faults.Where(f => !kills && f.Kind is "kill" or "stop" && f.EndSec is not null && f.ReadySec is not null && records.ContainsKey(f.Target)))
        {
            delays.Add(Math.Max(0, window.ReadySec!.Value - window.EndSec!.Value));
        }

        foreach (var window in arm.Faults.Where(f => kills && f.Kind is "kill" or "stop" && f.EndSec is not null && records.ContainsKey(f.Target)))
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

        // A crash after an effect: the process died at its last effect, and the supervisor's new one served from its
        // first. The harness's own window is later at both ends (it sees the exit, then polls for readiness).
        foreach (var window in arm.Faults.Where(f => f.Kind == "crash" && records.ContainsKey(f.Target)))
        {
            var seen = origin + Ticks(window.StartSec);
            var old = records[window.Target].Where(r => r.Timestamp < seen).ToList();
            if (old.Count == 0)
            {
                continue;
            }

            var died = old.Max(r => r.Timestamp);
            var pids = old.Select(r => r.Pid).ToHashSet();
            // The new process served from when its first execution began (its effect less its service time): a fresh
            // host's first request is slow, which the simulator's restarted station is not.
            var firstNew = records[window.Target].Where(r => r.Timestamp > died && !pids.Contains(r.Pid))
                .Select(Executions.Began).DefaultIfEmpty(long.MaxValue).Min();
            if (firstNew != long.MaxValue)
            {
                delays.Add((firstNew - died) / (double)Stopwatch.Frequency);
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

    /// <summary>
    /// An arm's roles in the order the work flows, and the role each one's work comes from: the previous role of the
    /// chain, but every receiver of a fan-out takes its work from payment, except the receivers a synchronous edge
    /// calls one after the other, each after the one before.
    /// </summary>
    private sealed record Chain(IReadOnlyList<string> Roles, bool Sequential)
    {
        public static Chain Of(ArmResult arm, Harness.Model.Scenarios.ArmSpec? spec, Harness.Model.Scenarios.Scenario? scenario)
        {
            var receivers = spec is not null && scenario is not null ? scenario.ReceiversOf(spec) : arm.FanOut?.Receivers ?? 1;
            var sequential = Styles.CallsStepsDirectly(arm.Style) && spec?.FanOut != FanOutMode.Parallel;
            return new Chain(ArchLab.Contracts.Workflow.Roles.AllOf(receivers), sequential);
        }

        public string Previous(string role)
        {
            var k = ArchLab.Contracts.Workflow.Roles.ReceiverIndex(role);
            return k > 1 && Sequential ? ArchLab.Contracts.Workflow.Roles.Receiver(k - 1)
                : k >= 1 ? ArchLab.Contracts.Workflow.Roles.Payment
                : Roles[Roles.ToList().IndexOf(role) - 1];
        }
    }

    /// <summary>
    /// From each order's last receiver effect (every receiver's first) to the edge's read model showing it done
    /// (<c>readmodel.ledger</c>): the completion event's way to the edge. Null without the file or with too few orders.
    /// </summary>
    private static ServiceSampler? ReadModelHop(string armFolder, Dictionary<string, List<LedgerRecord>> records, Chain chain)
    {
        var path = Path.Combine(armFolder, StepCodes.ReadModelFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var receivers = chain.Roles.Where(Roles.IsReceiver).ToList();
        var firsts = receivers.Select(role => records[role].Where(r => !StepCodes.IsFailedAttempt(r.Step))
            .GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Min(r => r.Timestamp))).ToList();
        var hops = new List<double>();
        foreach (var shown in new LedgerReader(path).Read().Where(r => r.Step == StepCodes.ReadModel).GroupBy(r => r.Id).Select(g => g.First()))
        {
            var done = firsts.Select(f => f.TryGetValue(shown.Id, out var t) ? t : (long?)null).ToList();
            if (done.All(t => t is not null))
            {
                hops.Add(Math.Max(0, shown.Timestamp - done.Max()!.Value) / (double)Stopwatch.Frequency);
            }
        }

        return hops.Count < MinIdleOrders ? null : Sample(hops);
    }

    /// <summary>An empirical distribution of at most <see cref="MaxSamples"/> of the values, evenly taken.</summary>
    private static ServiceSampler Sample(IReadOnlyList<double> values)
    {
        var step = Math.Max(1, (values.Count + MaxSamples - 1) / MaxSamples);
        return ServiceSampler.Empirical(values.Where((_, n) => n % step == 0).ToList());
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    /// <summary>Below this many orders that found their step idle, the hop is a constant.</summary>
    public const int MinIdleOrders = 20;

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
