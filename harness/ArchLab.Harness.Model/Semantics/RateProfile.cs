using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Model.Semantics;

/// <summary>
/// The rate is multiplied by <paramref name="Factor"/> from <paramref name="At"/> for <paramref name="For"/>,
/// both counted from the start of the measured window. Overlapping windows multiply.
/// </summary>
public sealed record RateWindow(TimeSpan At, TimeSpan For, double Factor);

/// <summary>
/// The offered rate over time, r(t) in requests per second with t in seconds from the start of the load
/// (warm-up included): a linear ramp then a constant rate, multiplied by the factors of the rate windows.
/// Arrivals come from its integral, Λ(t) = ∫ r: the k-th constant arrival is at Λ⁻¹(k), Poisson arrivals at
/// Λ⁻¹ of a unit-rate Poisson process, which is the textbook way to draw a non-homogeneous Poisson process.
/// The load engine sends by it and the simulator arrives by it: overlapping bursts multiply on both, as the engine
/// running against real processes always did.
/// </summary>
public sealed class RateProfile
{
    // Between two breakpoints the rate is linear: r(t) = Start + Slope * (t - From).
    private readonly record struct Segment(double From, double To, double Start, double Slope, double CumulativeAtFrom);

    private readonly Segment[] _segments;

    public RateProfile(double ratePerSec, double? rampFromPerSec, TimeSpan rampFor, TimeSpan warmup, TimeSpan duration,
        IReadOnlyList<RateWindow> windows)
    {
        Length = (warmup + duration).TotalSeconds;
        var rampEnd = rampFromPerSec is null ? 0 : Math.Min(rampFor.TotalSeconds, Length);
        var rampStart = rampFromPerSec ?? ratePerSec;
        var shifted = windows
            .Select(w => (From: warmup.TotalSeconds + w.At.TotalSeconds, To: warmup.TotalSeconds + (w.At + w.For).TotalSeconds, w.Factor))
            .ToArray();
        var breaks = shifted.SelectMany(w => new[] { w.From, w.To })
            .Append(0).Append(rampEnd).Append(Length)
            .Where(t => t >= 0 && t <= Length)
            .Distinct().Order().ToArray();

        var segments = new List<Segment>(breaks.Length);
        double cumulative = 0;
        for (var i = 0; i + 1 < breaks.Length; i++)
        {
            var (from, to) = (breaks[i], breaks[i + 1]);
            var middle = (from + to) / 2;
            var factor = shifted.Where(w => w.From <= middle && middle < w.To).Aggregate(1.0, (f, w) => f * w.Factor);
            var inRamp = middle < rampEnd;
            var slope = inRamp ? factor * (ratePerSec - rampStart) / rampEnd : 0;
            var start = factor * (inRamp ? rampStart + (ratePerSec - rampStart) * from / rampEnd : ratePerSec);
            segments.Add(new Segment(from, to, start, slope, cumulative));
            cumulative += (start + slope * (to - from) / 2) * (to - from);
        }

        _segments = [.. segments];
        Total = cumulative;
    }

    /// <summary>Length of the load, warm-up included, in seconds.</summary>
    public double Length { get; }

    /// <summary>Λ(Length): the expected number of arrivals.</summary>
    public double Total { get; }

    /// <summary>The offered rate of <paramref name="scenario"/>'s load with its bursts, rates times <paramref name="scale"/>.</summary>
    public static RateProfile Of(Scenario scenario, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var load = scenario.Load;
        return new(load.Rate.PerSec * scale, load.RampFrom?.PerSec * scale, load.RampFor, load.Warmup, load.Duration, Windows(scenario));
    }

    /// <summary>The scenario's bursts as rate windows; one without an end lasts to the end of the measured window.</summary>
    public static IReadOnlyList<RateWindow> Windows(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Faults.OfType<BurstFault>()
            .Select(b => new RateWindow(b.At, b.For ?? scenario.Load.Duration - b.At, b.Factor))
            .ToList();
    }

    /// <summary>r(t), requests per second.</summary>
    public double RateAt(double t)
    {
        var s = Find(t);
        return s.Start + s.Slope * (Math.Clamp(t, s.From, s.To) - s.From);
    }

    /// <summary>Λ(t): expected arrivals in [0, t).</summary>
    public double Integral(double t)
    {
        var s = Find(t);
        var u = Math.Clamp(t, s.From, s.To) - s.From;
        return s.CumulativeAtFrom + (s.Start + s.Slope * u / 2) * u;
    }

    /// <summary>Λ⁻¹(y): the first time at which <paramref name="y"/> arrivals are expected; +∞ past the end.</summary>
    public double Inverse(double y)
    {
        // A relative tolerance keeps rounding in Λ from adding one arrival at the very end (100/s for 10 s is 1000, not 1001).
        if (y >= Total - (1e-9 * Math.Max(1, Total)))
        {
            return double.PositiveInfinity;
        }

        // The last segment whose cumulative start is <= y; zero-rate segments are skipped over.
        int lo = 0, hi = _segments.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_segments[mid].CumulativeAtFrom <= y)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        var s = _segments[lo];
        var need = y - s.CumulativeAtFrom;
        if (need <= 0)
        {
            return s.From;
        }

        // Solve Start*u + Slope*u²/2 = need in the form that stays stable when Slope is 0 or tiny.
        var u = 2 * need / (s.Start + Math.Sqrt(Math.Max(0, (s.Start * s.Start) + (2 * s.Slope * need))));
        return Math.Min(s.From + u, s.To);
    }

    private Segment Find(double t)
    {
        foreach (var s in _segments)
        {
            if (t < s.To)
            {
                return s;
            }
        }

        return _segments.Length > 0 ? _segments[^1] : default;
    }
}
