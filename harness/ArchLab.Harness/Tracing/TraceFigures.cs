using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Harness.Model.Tracing;
using ArchLab.Services.Core.Steps;

namespace ArchLab.Harness.Tracing;

/// <summary>
/// The figures of an arm's traces: for each accepted order, whether its trace (the one the caller started, see
/// <see cref="TraceIds"/>) is one tree holding a step span of every role, how many spans it has, and the gaps
/// between its steps.
/// </summary>
public static class TraceFigures
{
    /// <summary>Deeper than any workflow's chain of spans: a longer walk up the parents is a cycle.</summary>
    private const int MaxDepth = 256;

    /// <param name="mode"><c>on</c> or <c>unpropagated</c>.</param>
    /// <param name="spans">Every span the collector received for the arm.</param>
    /// <param name="orders">The accepted orders of the measured window.</param>
    /// <param name="roles">The workflow's roles in the order the work flows: the edge first, the fan-out receivers last.</param>
    /// <param name="receivers">The fan-out receivers among <paramref name="roles"/>: each follows the step before the first of them.</param>
    public static ArmTracing Of(
        string mode, IReadOnlyList<CollectedSpan> spans, IReadOnlyCollection<OrderId> orders, IReadOnlyList<string> roles, IReadOnlySet<string> receivers)
    {
        var byTrace = spans.GroupBy(s => s.TraceId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var gaps = Latency.NewHistogram();
        long complete = 0, counted = 0;
        foreach (var order in orders)
        {
            var trace = byTrace.GetValueOrDefault(TraceIds.TraceOf(order)) ?? [];
            counted += trace.Count;
            if (!IsOneTree(trace, TraceIds.CallerSpanOf(order.Seq)) || StepsOf(trace) is not { } steps || !roles.All(steps.ContainsKey))
            {
                continue;
            }

            complete++;
            for (var k = 1; k < roles.Count; k++)
            {
                var before = receivers.Contains(roles[k]) ? roles.Take(k).Last(r => !receivers.Contains(r)) : roles[k - 1];
                var gap = steps[roles[k]].Min(s => s.StartUnixNs) - steps[before].Max(s => s.EndUnixNs);
                gaps.RecordValue(Latency.Micros(gap / 1e9));
            }
        }

        return new ArmTracing(
            mode,
            orders.Count,
            orders.Count == 0 ? 0 : Math.Round((double)complete / orders.Count, 4),
            orders.Count == 0 ? 0 : Math.Round((double)counted / orders.Count, 2),
            Latency.Summarise(gaps),
            spans.Count,
            byTrace.Count);
    }

    /// <summary>Whether every span of <paramref name="trace"/> reaches the caller's span through parents in the trace.</summary>
    private static bool IsOneTree(List<CollectedSpan> trace, ulong caller)
    {
        if (trace.Count == 0)
        {
            return false;
        }

        var byId = new Dictionary<ulong, CollectedSpan>(trace.Count);
        foreach (var span in trace)
        {
            byId.TryAdd(span.SpanId, span);
        }

        foreach (var span in trace)
        {
            var parent = span.ParentSpanId;
            for (var depth = 0; parent != caller; depth++)
            {
                if (depth == MaxDepth || !byId.TryGetValue(parent, out var up))
                {
                    return false;
                }

                parent = up.ParentSpanId;
            }
        }

        return true;
    }

    /// <summary>The step spans of a trace by role: every execution, retries included.</summary>
    private static Dictionary<string, List<CollectedSpan>> StepsOf(List<CollectedSpan> trace) =>
        trace.Where(s => s.Name.StartsWith(StepSpans.NamePrefix, StringComparison.Ordinal))
            .GroupBy(s => s.Name[StepSpans.NamePrefix.Length..])
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
}
