namespace ArchLab.Harness.Model.Scenarios;

/// <summary>One variant of a scenario: a style plus its options.</summary>
/// <param name="Name">The arm's name, unique in the scenario (e.g. <c>jetstream-ttl</c>).</param>
/// <param name="Style">One of <see cref="ArchLab.Contracts.Workflow.Styles.All"/>.</param>
public sealed record ArmSpec(string Name, string Style)
{
    /// <summary>Synchronous styles: timeout of each call from one service to the next. Default: 30s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the roles write the ledger. Off only to measure what the ledger costs: without it nothing can
    /// be checked, so delivery and completion figures become null. Default: true.
    /// </summary>
    public bool Ledger { get; init; } = true;

    /// <summary>JetStream options; null for other styles.</summary>
    public JetStreamArmOptions? JetStream { get; init; }
}

/// <summary>Where JetStream keeps the stream.</summary>
public enum StreamStorage
{
    File,
    Memory,
}

/// <summary>Stream and consumer options of a <c>jetstream</c> arm.</summary>
/// <param name="Storage">File or memory storage. Default: file.</param>
/// <param name="MaxAge">Stream <c>max_age</c>, the TTL of a message; zero means kept until acknowledged by all. Default: 0.</param>
/// <param name="AckWait">How long a consumer has to ack before redelivery. Default: 30s.</param>
/// <param name="MaxAckPending">Unacknowledged messages a consumer may hold. Default: 1000.</param>
public sealed record JetStreamArmOptions(
    StreamStorage Storage = StreamStorage.File,
    TimeSpan MaxAge = default,
    TimeSpan? AckWait = null,
    int MaxAckPending = 1000)
{
    public static JetStreamArmOptions Default { get; } = new();

    /// <summary>The effective ack wait (30s unless set).</summary>
    public TimeSpan EffectiveAckWait => AckWait ?? TimeSpan.FromSeconds(30);
}
