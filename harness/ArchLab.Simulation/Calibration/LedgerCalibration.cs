using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Calibration;

/// <summary>
/// Service times measured in a real run, read from its ledgers: for every order whose steps all ran at their first
/// attempt, the time from one step's effect to the next (edge to inventory, inventory to payment, payment to notify).
/// That gap is the step's service time plus one hop and any queueing: at the low rates of a quick profile it is
/// mostly service and hop, which is what the simulator should then reproduce. The edge keeps the scenario's cost
/// (nothing in the ledger marks when the edge began). Source: the first arm of the run with ledgers for every role;
/// when the run's <c>results.json</c> places its fault windows, only orders the edge took before the first fault
/// count, so an outage's waiting is not taken for service time.
/// </summary>
public sealed record LedgerCalibration(string RunFolder, string Arm, IReadOnlyDictionary<string, ServiceSampler> Samplers, IReadOnlyDictionary<string, int> Samples)
{
    /// <summary>At most this many gaps per step are kept (an even sample of the run).</summary>
    public const int MaxSamples = 100_000;

    public string Describe() =>
        $"ledgers of arm {Arm} in {RunFolder}: " + string.Join(", ", Samplers.Select(s =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Key} mean {s.Value.Mean * 1000:0.###} ms over {Samples[s.Key]} orders")));

    public static LedgerCalibration FromRun(string runFolder)
    {
        var ledgers = Path.Combine(runFolder, "ledgers");
        if (!Directory.Exists(ledgers))
        {
            throw new FileNotFoundException($"{runFolder} has no ledgers/ folder: --calibrate-from needs a measured run folder", ledgers);
        }

        foreach (var arm in Directory.GetDirectories(ledgers).Order(StringComparer.Ordinal))
        {
            if (Roles.All.All(r => File.Exists(Path.Combine(arm, $"{r}.ledger"))))
            {
                return FromArm(runFolder, arm);
            }
        }

        throw new FileNotFoundException($"no arm under {ledgers} has a ledger for each of {string.Join(", ", Roles.All)}");
    }

    private static LedgerCalibration FromArm(string runFolder, string armFolder)
    {
        var firstEffect = Roles.All.ToDictionary(r => r, r => FirstAttempts(Path.Combine(armFolder, $"{r}.ledger")));
        if (FaultCutoff(runFolder, Path.GetFileName(armFolder)) is { } cutoff)
        {
            var early = firstEffect[Roles.Edge].Where(e => e.Value < cutoff).Select(e => e.Key).ToHashSet();
            foreach (var role in Roles.All)
            {
                firstEffect[role] = firstEffect[role].Where(e => early.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
            }
        }

        var samplers = new Dictionary<string, ServiceSampler>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < Roles.All.Count; i++)
        {
            var before = firstEffect[Roles.All[i - 1]];
            var role = Roles.All[i];
            var gaps = new List<double>();
            foreach (var (id, at) in firstEffect[role])
            {
                if (before.TryGetValue(id, out var previous) && at > previous)
                {
                    gaps.Add((at - previous) / (double)Stopwatch.Frequency);
                }
            }

            if (gaps.Count == 0)
            {
                throw new InvalidDataException($"the ledgers of {armFolder} hold no order that reached {role} after {Roles.All[i - 1]}");
            }

            var step = Math.Max(1, gaps.Count / MaxSamples);
            samplers[role] = ServiceSampler.Empirical(gaps.Where((_, n) => n % step == 0).ToList());
            counts[role] = gaps.Count;
        }

        return new LedgerCalibration(runFolder, Path.GetFileName(armFolder), samplers, counts);
    }

    /// <summary>The monotonic timestamp of the arm's first fault, from the run's results; null without results or faults.</summary>
    private static long? FaultCutoff(string runFolder, string arm)
    {
        var path = Path.Combine(runFolder, "results.json");
        if (!File.Exists(path))
        {
            return null;
        }

        var result = Harness.Model.Results.ResultsJson.Read(path).Arms.FirstOrDefault(a => a.Name == arm);
        if (result?.MeasureStartTicks is not { } start || result.Faults.Count == 0)
        {
            return null;
        }

        return start + (long)(result.Faults.Min(f => f.StartSec) * Stopwatch.Frequency);
    }

    private static Dictionary<OrderId, long> FirstAttempts(string path)
    {
        var first = new Dictionary<OrderId, long>();
        foreach (var record in new LedgerReader(path).Read())
        {
            if (record.Attempt == 1 && !StepCodes.IsFailedAttempt(record.Step))
            {
                first.TryAdd(record.Id, record.Timestamp);
            }
        }

        return first;
    }
}
