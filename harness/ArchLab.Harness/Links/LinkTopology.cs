using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Links;

/// <summary>
/// Which TCP connections a style has, and which end dials. A scenario's link <c>a->b</c> names the connection between
/// <c>a</c> and <c>b</c>, whichever of them dials; its toxics' <c>upstream</c> is from the dialing end to the
/// listening one, as in Toxiproxy.
/// </summary>
public static class LinkTopology
{
    public const string Caller = "caller";
    public const string Broker = "broker";

    /// <summary>The browser pages of an arm with <c>devices</c>: they dial the broker's WebSocket listener (pushed) or the edge (polling).</summary>
    public const string Devices = "devices";

    /// <summary>The connection between the two ends of <paramref name="link"/> in <paramref name="style"/>, as
    /// (dialer, listener); null when the style has none (then <paramref name="why"/> says so).</summary>
    public static (string Dialer, string Listener)? Connection(string style, string link, out string why, DevicesSpec? devices = null)
    {
        var ends = link.Split("->");
        var (a, b) = (ends[0], ends[1]);
        why = "";
        foreach (var (dialer, listener) in new[] { (a, b), (b, a) })
        {
            if (Exists(style, dialer, listener, devices))
            {
                return (dialer, listener);
            }
        }

        why = a == Devices || b == Devices
            ? devices is null
                ? "this arm has no devices (no pages to connect)"
                : $"this arm's pages {(devices.Pushed ? "are pushed their updates by the broker" : "poll the edge")}: they have no connection between {a} and {b}"
            : Styles.InOneProcess(style)
            ? $"{style} has no connection between {a} and {b}: the caller talks to the edge, and every role runs inside the edge's process"
            : Styles.NeedsBroker(style) || Styles.NeedsRabbit(style)
            ? $"{style} has no connection between {a} and {b}: the caller talks to the edge, and every role to the broker"
            : $"{style} has no connection between {a} and {b}: the caller talks to the edge, and the edge to each step";
        return null;
    }

    private static bool Exists(string style, string dialer, string listener, DevicesSpec? devices) =>
        (dialer, listener) switch
        {
            (Caller, Roles.Edge) => true,
            (Devices, Broker) => devices?.Pushed == true,
            (Devices, Roles.Edge) => devices is { Pushed: false },
            (Roles.Edge, _) when listener != Roles.Edge && Roles.IsKnown(listener) => Styles.CallsStepsDirectly(style),
            (_, Broker) => Roles.IsKnown(dialer) && (Styles.NeedsBroker(style) || Styles.NeedsRabbit(style)),
            _ => false,
        };
}
