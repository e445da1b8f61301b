namespace ArchLab.Contracts.Hosting;

/// <summary>
/// How a JetStream step consumer pulls: the options of NATS.Client.JetStream's <c>ConsumeAsync</c>, in one place
/// the service and the simulator both read, so a change to the consumer changes the model of it.
/// <para>
/// What the client does with them (NATS.Client.JetStream 3.3, <c>NatsJSConsume</c>): it asks the server for
/// <see cref="MaxMsgs"/> messages and counts them as pending; every message the application takes from the
/// enumerator (after the loop's body has run) lowers the count by one, and once the count is at or below
/// <see cref="ThresholdMsgs"/> it asks for the difference to <see cref="MaxMsgs"/> again. So the messages the
/// server has delivered and the application has not yet taken, plus the server's outstanding credit, never exceed
/// <see cref="MaxMsgs"/>. A delivered message is the client's: the stream's max age removes the stored copy, but
/// the client's copy is still handed to a handler and processed.
/// </para>
/// </summary>
/// <param name="MaxMsgs">Messages one pull asks for at most (the client's buffer).</param>
/// <param name="ThresholdMsgs">At or below this many pending messages the client pulls again.</param>
/// <param name="Expires">How long a pull request stays open at the server.</param>
/// <param name="IdleHeartbeat">The server's heartbeat on an idle pull; two missed ones make the client pull anew.</param>
public sealed record JetStreamPull(int MaxMsgs, int ThresholdMsgs, TimeSpan Expires, TimeSpan IdleHeartbeat)
{
    /// <summary>
    /// The pull of a consumer with <paramref name="concurrency"/> handlers: twice the handlers, so the next messages
    /// are already here when a handler frees up, and few enough that waiting messages do not run out their ack wait;
    /// the client's own default threshold (half). A short idle heartbeat: after a reconnect the client does not always
    /// pull again (seen with NATS.Net 3.3.2 behind the fault proxy), and a missed heartbeat (2 x idle) is what makes it
    /// pull, so a consumer stalls for about 2 s instead of 30 s.
    /// </summary>
    public static JetStreamPull For(int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        var max = Math.Max(2, 2 * concurrency);
        return new JetStreamPull(max, max / 2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
    }
}
