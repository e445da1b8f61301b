namespace ArchLab.Harness.Model.Tracing;

/// <summary>One span as the run's collector received it.</summary>
/// <param name="TraceId">32 hexadecimal digits.</param>
/// <param name="SpanId">The span's id.</param>
/// <param name="ParentSpanId">Its parent's id; 0 for a root span.</param>
/// <param name="Name">What the span did, e.g. <c>step payment</c> or <c>orders.payment publish</c>.</param>
/// <param name="Service">The role that recorded it (the resource's <c>service.name</c>).</param>
/// <param name="Kind">OTLP's span kind: internal, server, client, producer or consumer.</param>
/// <param name="StartUnixNs">Start, in nanoseconds since the Unix epoch.</param>
/// <param name="EndUnixNs">End, likewise.</param>
/// <param name="Order">The order a step span worked on (its <c>archlab.order</c> attribute); null on other spans.</param>
public sealed record CollectedSpan(
    string TraceId, ulong SpanId, ulong ParentSpanId, string Name, string Service, string Kind, long StartUnixNs, long EndUnixNs, string? Order)
{
    public double DurationMs => (EndUnixNs - StartUnixNs) / 1e6;
}
