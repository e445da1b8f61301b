namespace ArchLab.Contracts.Hosting;

/// <summary>
/// What the roles of a <c>jetstream</c> arm need to know of the arm's options; the stream and the durable
/// consumers themselves are created by the harness before any role starts.
/// </summary>
public sealed record JetStreamConsumerOptions
{
    public static JetStreamConsumerOptions Default { get; } = new();

    /// <summary>
    /// The consumer's backoff: a failed delivery n is nak'd with delay <c>Backoff[min(n, count) - 1]</c>
    /// (nats-server 2.9 applies a backoff to ack-wait expiry only, not to a plain nak). Empty: a short fixed
    /// delay (<see cref="DefaultNakDelay"/>). Default: empty.
    /// </summary>
    public IReadOnlyList<TimeSpan> Backoff { get; init; } = [];

    /// <summary>Publish with <c>Nats-Msg-Id</c> so the stream drops a republished duplicate. Default: true.</summary>
    public bool Dedupe { get; init; } = true;

    /// <summary>
    /// Copy what cannot be processed (malformed, or past max deliveries) to <c>deadletter.&lt;role&gt;</c>;
    /// false: a malformed message is only terminated, and one past max deliveries stays in the stream. Default: true.
    /// </summary>
    public bool DeadLetter { get; init; } = true;

    /// <summary>The nak delay of a failed delivery when no backoff is configured.</summary>
    public static TimeSpan DefaultNakDelay { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The nak delay of a failed delivery that was delivery number <paramref name="delivered"/> (1 for the first).</summary>
    public TimeSpan NakDelayFor(long delivered) =>
        Backoff.Count == 0 ? DefaultNakDelay : Backoff[(int)Math.Clamp(delivered, 1, Backoff.Count) - 1];
}
