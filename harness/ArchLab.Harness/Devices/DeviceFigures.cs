using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Harness.Devices;

/// <summary>
/// The device figures of an arm: the notify step's effects (its ledger) against what the pages reported showing. The
/// pages' times are the browser's wall clock and the ledger's the machine's monotonic clock: the two are put on one
/// axis by the offset between the wall clock and the monotonic clock, read here (both are the same machine's).
/// </summary>
public static class DeviceFigures
{
    /// <param name="effects">When the notify step first wrote its effect, by order, for the measured window's orders.</param>
    /// <param name="window">The measured window, in <see cref="Stopwatch"/> timestamps.</param>
    public static ArmDevices Of(
        DevicesSpec spec, IReadOnlyList<PageLog> pages, IReadOnlyDictionary<OrderId, long> effects, (long Start, long End) window, double epochOffsetMs)
    {
        var firstShown = new Dictionary<string, double>(StringComparer.Ordinal);
        long duplicates = 0;
        long requests = 0;
        long disconnects = 0;
        var (start, end) = (EpochMs(window.Start, epochOffsetMs), EpochMs(window.End, epochOffsetMs));
        foreach (var page in pages)
        {
            var (shown, sent, events) = page.Snapshot();
            foreach (var update in shown)
            {
                if (!firstShown.TryAdd(update.OrderId, update.AtMs))
                {
                    duplicates++;
                }
            }

            requests += sent.LongCount(t => t >= start && t <= end);
            disconnects += events.LongCount(e => e.What == "disconnect" || e.What.StartsWith("poll failed", StringComparison.Ordinal));
        }

        var delay = Latency.NewHistogram();
        long seen = 0;
        foreach (var (order, effect) in effects)
        {
            if (firstShown.TryGetValue(order.ToString(), out var at))
            {
                seen++;
                delay.RecordValue(Latency.Micros(Math.Max(0, at - EpochMs(effect, epochOffsetMs)) / 1000));
            }
        }

        return new ArmDevices(
            spec.ViaName, spec.Pages, spec.Pushed ? null : spec.Every.TotalMilliseconds, effects.Count, seen, effects.Count - seen,
            duplicates, seen == 0 ? null : Latency.Summarise(delay), requests, seen == 0 ? null : Math.Round((double)requests / seen, 4), disconnects);
    }

    /// <summary>Whether the pages have reported showing every one of <paramref name="orders"/>.</summary>
    public static bool AllShown(IReadOnlyList<PageLog> pages, IEnumerable<OrderId> orders)
    {
        var shown = pages.SelectMany(p => p.Snapshot().Shown).Select(u => u.OrderId).ToHashSet(StringComparer.Ordinal);
        return orders.All(o => shown.Contains(o.ToString()));
    }

    /// <summary>The first effect of the step <paramref name="step"/> per order of <paramref name="orders"/>, from its ledger.</summary>
    public static IReadOnlyDictionary<OrderId, long> Effects(string ledger, ushort step, IReadOnlySet<OrderId> orders)
    {
        var effects = new Dictionary<OrderId, long>();
        if (File.Exists(ledger))
        {
            foreach (var record in new LedgerReader(ledger).Read().Where(r => r.Step == step && orders.Contains(r.Id)))
            {
                if (!effects.TryGetValue(record.Id, out var first) || record.Timestamp < first)
                {
                    effects[record.Id] = record.Timestamp;
                }
            }
        }

        return effects;
    }

    /// <summary>
    /// Milliseconds to add to a <see cref="Stopwatch"/> timestamp, as milliseconds, to get milliseconds since the Unix
    /// epoch: read where the two clocks were read closest together, of a few tries.
    /// </summary>
    public static double EpochOffsetMs()
    {
        var best = (Gap: long.MaxValue, Offset: 0.0);
        for (var i = 0; i < 16; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var wall = DateTime.UtcNow;
            var after = Stopwatch.GetTimestamp();
            if (after - before < best.Gap)
            {
                var middle = (before + after) / 2.0;
                best = (after - before, (wall - DateTime.UnixEpoch).TotalMilliseconds - middle * 1000 / Stopwatch.Frequency);
            }
        }

        return best.Offset;
    }

    private static double EpochMs(long timestamp, double offsetMs) => timestamp * 1000.0 / Stopwatch.Frequency + offsetMs;
}
