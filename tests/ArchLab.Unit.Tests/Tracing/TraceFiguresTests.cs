using System.Text.RegularExpressions;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Tracing;
using ArchLab.Harness.Tracing;

namespace ArchLab.Unit.Tests.Tracing;

/// <summary>How an arm's spans become its tracing figures: one tree per order from the caller, spans per order, step gaps.</summary>
public class TraceFiguresTests
{
    private static readonly string[] Chain = ["edge", "inventory", "payment", "notify"];
    private static readonly HashSet<string> Notify = ["notify"];
    private ulong _nextSpan = 1;

    [Fact]
    public void The_caller_s_traceparent_is_W3C_and_its_trace_id_is_the_order_id()
    {
        var id = new OrderId(0x1a2b3c4d, 42);

        Assert.Matches(new Regex("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$"), TraceIds.TraceparentOf(id));
        Assert.Equal("1a2b3c4d00000000000000000000002a", TraceIds.TraceOf(id));
        Assert.Equal($"00-1a2b3c4d00000000000000000000002a-{TraceIds.CallerSpanOf(42):x16}-01", TraceIds.TraceparentOf(id));
        Assert.NotEqual(0UL, TraceIds.CallerSpanOf(0));
        Assert.NotEqual(TraceIds.CallerSpanOf(1), TraceIds.CallerSpanOf(2));
    }

    [Fact]
    public void An_order_whose_spans_all_hang_from_the_caller_through_every_step_is_complete_and_its_gaps_are_measured()
    {
        var order = new OrderId(7, 1);
        var spans = Chained(order, TraceIds.TraceOf(order), gapMs: 0.5);

        var figures = TraceFigures.Of("on", spans, [order], Chain, Notify);

        Assert.Equal(1, figures.CompleteShare);
        Assert.Equal(spans.Count, figures.SpansPerOrder);
        Assert.Equal(3, figures.StepGapMs!.Count);
        Assert.Equal(0.5, figures.StepGapMs.P50, 2);
        Assert.Equal((spans.Count, 1L), (figures.Spans, figures.Traces));
    }

    [Fact]
    public void A_step_in_a_trace_of_its_own_a_span_whose_parent_never_arrived_and_a_missing_step_each_break_the_tree()
    {
        OrderId joined = new(7, 1), unpropagated = new(7, 2), orphan = new(7, 3), missing = new(7, 4);
        var spans = new List<CollectedSpan>();
        spans.AddRange(Chained(joined, TraceIds.TraceOf(joined), gapMs: 1));
        // What a hop that does not pass the context on leaves: the step downstream starts a trace of its own.
        var broken = Chained(unpropagated, TraceIds.TraceOf(unpropagated), gapMs: 1);
        spans.AddRange(broken.Select(s => s.Name == "step payment" ? s with { TraceId = "ffffffffffffffffffffffffffffffff", ParentSpanId = 0 } : s));
        // An exporter that lost one span: the spans under it hang from nothing.
        var lost = Chained(orphan, TraceIds.TraceOf(orphan), gapMs: 1);
        spans.AddRange(lost.Where(s => s.Name != "step inventory"));
        spans.AddRange(Chained(missing, TraceIds.TraceOf(missing), gapMs: 1).Where(s => s.Name != "step notify" && s.Service != "notify"));

        var figures = TraceFigures.Of("on", spans, [joined, unpropagated, orphan, missing], Chain, Notify);

        Assert.Equal(0.25, figures.CompleteShare);
        Assert.Equal(3, figures.StepGapMs!.Count); // the one complete order's three gaps
    }

    [Fact]
    public void An_order_with_no_span_at_all_counts_against_the_share_and_adds_no_gap()
    {
        OrderId traced = new(7, 1), silent = new(7, 2);

        var figures = TraceFigures.Of("on", Chained(traced, TraceIds.TraceOf(traced), gapMs: 2), [traced, silent], Chain, Notify);

        Assert.Equal((0.5, 2.0), (figures.CompleteShare, figures.StepGapMs!.P50));
        Assert.Equal(Chained(traced, "x", 0).Count / 2.0, figures.SpansPerOrder);
    }

    [Fact]
    public void A_fan_out_receiver_s_gap_runs_from_the_step_before_the_receivers_not_from_the_other_receiver()
    {
        string[] roles = ["edge", "inventory", "payment", "notify.1", "notify.2"];
        var order = new OrderId(9, 5);
        var trace = TraceIds.TraceOf(order);
        var caller = TraceIds.CallerSpanOf(order.Seq);
        var spans = new List<CollectedSpan>
        {
            Step(trace, caller, "edge", 0, 1),
            Step(trace, caller, "inventory", 2, 3),
            Step(trace, caller, "payment", 4, 5),
            Step(trace, caller, "notify.1", 6, 7),
            Step(trace, caller, "notify.2", 5.5, 6.5),
        };

        var figures = TraceFigures.Of("on", spans, [order], roles, new HashSet<string> { "notify.1", "notify.2" });

        Assert.Equal(1, figures.CompleteShare);
        // Gaps of 1, 1, 1 and 0.5 ms; measured from notify.1's end, notify.2's would have been none (0).
        Assert.Equal(4, figures.StepGapMs!.Count);
        Assert.Equal(0.875, figures.StepGapMs.Mean, 2);
    }

    /// <summary>An order's spans as a REST chain leaves them: server span, step span and client call per role, each under the last.</summary>
    private List<CollectedSpan> Chained(OrderId order, string trace, double gapMs)
    {
        var spans = new List<CollectedSpan>();
        var parent = TraceIds.CallerSpanOf(order.Seq);
        var at = 0.0;
        foreach (var role in Chain)
        {
            var server = Span(trace, parent, $"POST /{role}", role, at, at + 2);
            var step = Span(trace, server.SpanId, "step " + role, role, at, at + 1, order.ToString());
            var client = Span(trace, step.SpanId, "POST", "edge", at + 1, at + 1 + gapMs);
            spans.AddRange([server, step, client]);
            parent = client.SpanId;
            at += 1 + gapMs;
        }

        return spans;
    }

    private CollectedSpan Step(string trace, ulong parent, string role, double startMs, double endMs) =>
        Span(trace, parent, "step " + role, role, startMs, endMs);

    private CollectedSpan Span(string trace, ulong parent, string name, string service, double startMs, double endMs, string? order = null) =>
        new(trace, _nextSpan++, parent, name, service, "internal", Ns(startMs), Ns(endMs), order);

    private static long Ns(double ms) => 1_700_000_000_000_000_000L + (long)(ms * 1e6);
}
