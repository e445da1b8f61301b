using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Broker;

/// <summary>
/// What an arm asks of the broker that not every nats-server has: refused before the arm starts, with the reason,
/// never silently ignored and never found as a server that would not start.
/// </summary>
public static class BrokerFeatures
{
    /// <summary>The first nats-server with <c>sync_interval</c> (its JetStream block).</summary>
    public static readonly Version SyncIntervalSince = new(2, 10, 0);

    /// <summary>Why <paramref name="arm"/> cannot run on this broker; null when it can.</summary>
    /// <param name="version">The local nats-server's version (<c>2.9.10</c>); null where unknown.</param>
    /// <param name="external">The run uses a server it did not start (<c>--nats-url</c>): its configuration is not the harness's.</param>
    public static string? WhyNot(ArmSpec arm, string? version, bool external)
    {
        ArgumentNullException.ThrowIfNull(arm);
        if (arm.JetStream?.SyncInterval is null)
        {
            return null;
        }

        if (external)
        {
            return "syncInterval sets the configuration of a nats-server the harness starts; this run uses --nats-url";
        }

        return Version.TryParse(version, out var found) && found >= SyncIntervalSince
            ? null
            : $"syncInterval is nats-server's sync_interval, from {SyncIntervalSince.ToString(2)} on; this machine's nats-server is {version ?? "of unknown version"}, " +
              "which fsyncs its open blocks every 60 s and cannot be told otherwise";
    }
}
