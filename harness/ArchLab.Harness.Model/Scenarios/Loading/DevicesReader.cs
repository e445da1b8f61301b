using ArchLab.Contracts.Workflow;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads an arm's <c>devices: { via: poll|nats|jetstream, pages: 4, every: 1s }</c>. A page is pushed its updates by
/// the styles whose receivers publish events (jetstream, nats-core); every style can be polled.
/// </summary>
internal static class DevicesReader
{
    private static readonly string[] FieldNames = ["via", "pages", "every"];
    private static readonly string[] Channels = ["poll", "nats", "jetstream"];
    private static readonly string[] PushingStyles = [Styles.JetStream, Styles.NatsCore];

    public static DevicesSpec? Read(Fields arm, string style)
    {
        var fields = Fields.Of(arm.Value("devices"), arm.PathOf("devices"), arm.Problems, FieldNames,
            "device options such as { via: poll, pages: 4, every: 500ms }");
        if (fields is null)
        {
            return null;
        }

        var via = fields.Choice("via", Channels, required: true) switch
        {
            "poll" => DeviceChannel.Poll,
            "nats" => DeviceChannel.Nats,
            "jetstream" => DeviceChannel.JetStream,
            _ => (DeviceChannel?)null,
        };
        var pages = fields.Integer("pages", min: 1) ?? DevicesSpec.DefaultPages;
        if (pages > DevicesSpec.MaxPages)
        {
            fields.Wrong("pages", $"expected at most {DevicesSpec.MaxPages} pages (one headless browser opens them all), got {pages}");
        }

        var every = fields.Duration("every", positive: true);
        if (via is not { } channel)
        {
            return null;
        }

        if (channel != DeviceChannel.Poll)
        {
            if (every is not null)
            {
                fields.NotHere("every", "is the interval of a polling page (via: poll); a pushed page polls nothing");
            }

            if (!PushingStyles.Contains(style))
            {
                fields.Wrong("via", $"expected via: poll for style {style}: only the styles whose receivers publish events ({string.Join(", ", PushingStyles)}) push updates to a page");
            }
        }

        return new DevicesSpec(channel, pages) { Every = every ?? TimeSpan.FromSeconds(1) };
    }
}
