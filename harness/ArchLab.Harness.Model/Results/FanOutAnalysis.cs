using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using HdrHistogram;

namespace ArchLab.Harness.Model.Results;

/// <summary>The fan-out figures of an arm: the coupling in configuration, the sender's CPU per request, and the tail effect.</summary>
public static class FanOutAnalysis
{
    /// <param name="accept">Accept latency of the measured window, microseconds.</param>
    /// <param name="completion">Completion latency, microseconds; null without a ledger.</param>
    /// <param name="edgeCpuSec">The edge's CPU seconds over warm-up and load; null when unknown (the edge restarted).</param>
    /// <param name="requests">Requests sent over warm-up and load.</param>
    public static FanOutFigures Analyse(
        Scenario scenario, ArmSpec arm, HistogramBase accept, HistogramBase? completion, double? edgeCpuSec, long requests)
    {
        var receivers = scenario.ReceiversOf(arm);
        // Whoever calls each receiver itself must be told each one: an address (REST, gRPC) or a subject (request-reply).
        var direct = Styles.CallsEachReceiver(arm.Style);
        var tail = scenario.CostOf(arm, Roles.Notify).Tail;
        var threshold = tail is null ? 0 : (long)tail.Extra.TotalMicroseconds;
        return new FanOutFigures(
            receivers,
            direct ? (arm.FanOut == FanOutMode.Parallel ? "parallel" : "sequential") : "publish",
            direct ? receivers : 1)
        {
            EdgeCpuMsPerRequest = edgeCpuSec is { } cpu && requests > 0 ? Math.Round(cpu * 1000 / requests, 4) : null,
            AcceptSlowFraction = tail is null ? null : AtLeast(accept, threshold),
            CompletionSlowFraction = tail is null || completion is null ? null : AtLeast(completion, threshold),
            ExpectedSlowFraction = tail is null ? null : Math.Round(1 - Math.Pow(1 - tail.Probability, receivers), 4),
        };
    }

    /// <summary>The share of recorded values at or above <paramref name="threshold"/>; null when nothing was recorded.</summary>
    public static double? AtLeast(HistogramBase histogram, long threshold)
    {
        if (histogram.TotalCount == 0)
        {
            return null;
        }

        long above = 0;
        foreach (var value in histogram.RecordedValues())
        {
            // A bucket counts when its lowest value reaches the threshold: values are only known to a bucket's width.
            if (histogram.LowestEquivalentValue(value.ValueIteratedTo) >= threshold)
            {
                above += value.CountAtValueIteratedTo;
            }
        }

        return Math.Round((double)above / histogram.TotalCount, 4);
    }
}
