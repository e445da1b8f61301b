namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads the stream and consumer options of a <c>jetstream</c> arm, with the rule nats-server 2.9 enforces
/// on a consumer: a backoff needs <c>maxDeliver</c> above its length.
/// </summary>
internal static class JetStreamArmReader
{
    public static readonly string[] Options =
        ["storage", "maxAge", "maxMsgs", "maxBytes", "discard", "ackWait", "maxDeliver", "backoff", "maxAckPending", "dedupe", "idempotent", "deadLetter", "replicas", "writeback", "powerLoss", "syncInterval"];

    private static readonly string[] Storages = ["file", "memory"];
    private static readonly string[] Discards = ["old", "new"];
    private static readonly string[] PowerLosses = ["lose", "kill"];
    private static readonly TimeSpan MinMaxAge = TimeSpan.FromMilliseconds(100);

    /// <param name="nodes">The arm's broker nodes: a stream has at most as many replicas.</param>
    public static JetStreamArmOptions Read(Fields fields, int nodes = 1)
    {
        var replicas = fields.Integer("replicas", min: 1);
        if (replicas > nodes)
        {
            fields.Wrong("replicas", $"expected at most {nodes} replica{(nodes == 1 ? "" : "s")}, one per broker node (nodes: {nodes}), got {replicas}");
        }

        var defaults = JetStreamArmOptions.Default;
        var maxDeliver = fields.Integer("maxDeliver", min: 1);
        var backoff = fields.DurationList("backoff", "[100ms, 500ms, 1s]");
        if (backoff is { Count: > 0 } && fields.Has("backoff") && (maxDeliver ?? 0) <= backoff.Count)
        {
            if (fields.Has("maxDeliver"))
            {
                if (maxDeliver is not null)
                {
                    fields.Wrong("maxDeliver", $"expected a whole number > {backoff.Count} (the length of backoff: nats-server 2.9 refuses less), got '{maxDeliver}'");
                }
            }
            else
            {
                fields.NotHere("backoff", $"needs maxDeliver greater than its length ({backoff.Count}): nats-server 2.9 refuses a consumer without it; add maxDeliver: {backoff.Count + 1} or more");
            }
        }

        var maxAge = fields.Duration("maxAge");
        if (maxAge > TimeSpan.Zero && maxAge < MinMaxAge)
        {
            // The broker's own limit: found here, not as a failed run after the services started.
            fields.Wrong("maxAge", $"expected 0s (no age limit) or a duration >= 100ms (nats-server refuses a shorter max age), got '{Contracts.Workflow.Durations.Format(maxAge.Value)}'");
        }

        return new JetStreamArmOptions(
            fields.Choice("storage", Storages) == "memory" ? StreamStorage.Memory : defaults.Storage,
            maxAge ?? defaults.MaxAge,
            fields.Duration("ackWait", positive: true) ?? defaults.AckWait,
            fields.Integer("maxAckPending", min: 1) ?? defaults.MaxAckPending)
        {
            MaxMsgs = fields.Integer("maxMsgs", min: 1),
            MaxBytes = fields.Size("maxBytes", positive: true),
            Discard = fields.Choice("discard", Discards) == "new" ? StreamDiscard.New : defaults.Discard,
            MaxDeliver = maxDeliver,
            Backoff = backoff ?? defaults.Backoff,
            Dedupe = fields.Boolean("dedupe") ?? defaults.Dedupe,
            Idempotent = fields.Boolean("idempotent") ?? defaults.Idempotent,
            DeadLetter = fields.Boolean("deadLetter") ?? defaults.DeadLetter,
            Replicas = replicas ?? defaults.Replicas,
            Writeback = fields.Duration("writeback") ?? defaults.Writeback,
            PowerLossKeepsCache = fields.Choice("powerLoss", PowerLosses) == "kill",
            SyncInterval = fields.Parse<TimeSpan>("syncInterval", TryParseSync, SyncExpected),
        };
    }

    private const string SyncExpected = "always or a duration > 0 (nats-server's sync_interval)";

    private static bool TryParseSync(string text, out TimeSpan value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        if (text == "always")
        {
            (value, error) = (TimeSpan.Zero, null);
            return true;
        }

        if (Units.TryParseDuration(text, out value, out _) && value > TimeSpan.Zero)
        {
            error = null;
            return true;
        }

        error = $"expected {SyncExpected}, got {Units.Quote(text)}";
        return false;
    }
}
