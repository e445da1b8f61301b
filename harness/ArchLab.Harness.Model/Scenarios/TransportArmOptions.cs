namespace ArchLab.Harness.Model.Scenarios;

/// <summary>
/// An arm of the transport-baseline kind: no workflow and no edge; the caller speaks <paramref name="Transport"/>
/// straight to a no-op sink process.
/// </summary>
/// <param name="Transport">One of <see cref="ArchLab.Contracts.Workflow.Transports.All"/>.</param>
/// <param name="Payload">Bytes per message, at least 8 (the sequence number). Default: 128B.</param>
/// <param name="Window">JetStream: publishes awaiting their ack at once, at most; 1 for jetstream-sync. Default: 256 for jetstream-async, else 1.</param>
public sealed record TransportArmOptions(string Transport, ByteSize Payload, int Window)
{
    public static ByteSize DefaultPayload { get; } = new(128);

    public const int DefaultAsyncWindow = 256;
}
