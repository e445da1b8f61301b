namespace ArchLab.Contracts.Hosting;

/// <summary>How a role traces its work: where its spans go, and whether it passes the trace on.</summary>
public sealed record TracingOptions
{
    /// <summary>Base address of an OTLP/HTTP receiver (the run's own collector); spans are posted to <c>v1/traces</c> under it.</summary>
    public required string Endpoint { get; init; }

    /// <summary>
    /// Whether the role writes the trace context into what it sends on (HTTP and gRPC headers, NATS message headers,
    /// the in-process bus). False keeps every span but breaks the trace at each hop: what tracing without
    /// propagation shows. Default: true.
    /// </summary>
    public bool Propagate { get; init; } = true;
}
