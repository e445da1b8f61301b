namespace ArchLab.Harness.Model.Scenarios;

/// <summary>How a device (a browser page) learns that its orders are done.</summary>
public enum DeviceChannel
{
    /// <summary>It asks the edge's REST API every <see cref="DevicesSpec.Every"/>, from a cursor: nothing is missed, everything waits for the next poll.</summary>
    Poll,

    /// <summary>It subscribes to its subject over the broker's WebSocket listener (core NATS): pushed at once, missed while disconnected.</summary>
    Nats,

    /// <summary>It follows its subject in the devices stream with an ordered JetStream consumer: pushed at once, and resumed where it left off after a cut.</summary>
    JetStream,
}

/// <summary>
/// Browser pages that follow an arm's orders (cross-device): headless Chromium opens <see cref="Pages"/> pages on
/// loopback, each following the orders whose sequence number modulo the page count is its own.
/// </summary>
/// <param name="Via">How a page learns of its orders.</param>
/// <param name="Pages">Pages at once. Default: 4.</param>
public sealed record DevicesSpec(DeviceChannel Via, int Pages = DevicesSpec.DefaultPages)
{
    public const int DefaultPages = 4;

    /// <summary>Most pages one arm opens: one browser on a small machine.</summary>
    public const int MaxPages = 32;

    /// <summary>Polling pages: the interval between two polls. Default: 1s.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The option's value as a scenario writes it (<c>poll</c>, <c>nats</c>, <c>jetstream</c>).</summary>
    public string ViaName => Via switch
    {
        DeviceChannel.Poll => "poll",
        DeviceChannel.Nats => "nats",
        _ => "jetstream",
    };

    /// <summary>Whether the pages connect to the broker (and not to the edge).</summary>
    public bool Pushed => Via != DeviceChannel.Poll;
}
