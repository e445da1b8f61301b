namespace ArchLab.Harness.Model.Results;

/// <summary>What the traces of an arm whose roles traced show.</summary>
/// <param name="Mode"><c>on</c> (every role passes the trace on) or <c>unpropagated</c> (none does).</param>
/// <param name="Orders">Accepted orders of the measured window: the orders whose traces are judged.</param>
/// <param name="CompleteShare">
/// Share of those orders whose trace is one tree from the caller's request to a step span of every role of the
/// workflow: each span of the trace reaches the caller's span through parents that arrived.
/// </param>
/// <param name="SpansPerOrder">Spans in an order's trace, on average over the orders judged.</param>
/// <param name="StepGapMs">
/// From the end of one step's span to the start of the next step's, in the complete traces: the time an order spent
/// between two steps (in the broker, on the wire, in a queue); null when no trace joins two steps.
/// </param>
/// <param name="Spans">Spans the collector received for the arm, priming and warm-up included.</param>
/// <param name="Traces">Distinct traces among them.</param>
public sealed record ArmTracing(
    string Mode, long Orders, double CompleteShare, double SpansPerOrder, LatencySummary? StepGapMs, long Spans, long Traces);
