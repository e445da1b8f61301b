using ArchLab.Contracts.Workflow;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads a transport arm (<c>{ transport: nats-publish, payload: 128B, load: { model: closed, users: 1 } }</c>): the
/// transport, the message size, the JetStream ack window, and the arm's own load merged over the scenario's.
/// </summary>
internal static class TransportArmReader
{
    /// <summary>The options only a transport arm has.</summary>
    public static readonly string[] Options = ["transport", "payload", "window", "load"];

    private const int MinPayload = 8;

    public static ArmSpec Read(string name, Fields fields, YamlNode? scenarioLoad)
    {
        var transport = fields.Choice("transport", Transports.All, required: true) ?? Transports.Http;
        if (fields.Has("style"))
        {
            fields.NotHere("style", "cannot be given with 'transport': a transport arm has no workflow style (its caller speaks the transport to a no-op sink)");
        }

        if (fields.Has("ledger"))
        {
            fields.NotHere("ledger", "is only for workflow arms (with a style): a transport arm writes no ledger");
        }

        if (fields.Has("tracing"))
        {
            fields.NotHere("tracing", "is only for workflow arms (with a style): a transport arm runs no traced services");
        }

        if (fields.Has("devices"))
        {
            fields.NotHere("devices", "is only for workflow arms (with a style): a transport arm has no orders for a page to follow");
        }

        var payload = fields.Size("payload", positive: true);
        if (payload is { Bytes: < MinPayload } small)
        {
            fields.Wrong("payload", $"expected a size of at least {MinPayload}B (each message carries its 8-byte sequence number), got '{small}'");
        }

        int? window = null;
        if (fields.Has("window"))
        {
            if (transport == Transports.JetStreamAsync)
            {
                window = fields.Integer("window", min: 1);
            }
            else
            {
                fields.NotHere("window", transport == Transports.JetStreamSync
                    ? "is only for transport jetstream-async; jetstream-sync awaits each ack before the next publish (a window of 1)"
                    : $"is only for transport jetstream-async; this arm's transport is {transport}");
            }
        }

        var path = fields.PathOf("load");
        var load = fields.Has("load") ? LoadReader.Read(MergedLoad(scenarioLoad, fields.Value("load")!), fields.Problems, out _, path) : null;
        var options = new TransportArmOptions(
            transport,
            payload is { Bytes: >= MinPayload } size ? size : TransportArmOptions.DefaultPayload,
            transport == Transports.JetStreamAsync ? window ?? TransportArmOptions.DefaultAsyncWindow : 1);
        return new ArmSpec(name, transport) { Transport = options, Load = load, Ledger = false };
    }

    /// <summary>
    /// The arm's load merged key by key over the scenario's, as a profile merges (a null removes a field). When the
    /// arm sets <c>model</c>, the scenario's fields of the other model are left out, so that a closed arm of an open
    /// scenario needs no <c>rate: ~</c>. Nodes keep their places, so an error points at the line that has the value.
    /// </summary>
    private static YamlNode MergedLoad(YamlNode? scenarioLoad, YamlNode armLoad)
    {
        if (armLoad is not YamlMappingNode arm)
        {
            return armLoad; // not a mapping: LoadReader says so, at the arm's line
        }

        var model = arm.Children.TryGetValue(new YamlScalarNode("model"), out var m) && m is YamlScalarNode { Value: { } text } ? text : null;
        var otherModel = model switch
        {
            "closed" => LoadReader.OpenOnly,
            "open" => LoadReader.ClosedOnly,
            _ => [],
        };
        var merged = new YamlMappingNode();
        if (scenarioLoad is YamlMappingNode below)
        {
            foreach (var (key, value) in below.Children.Where(c => c.Key is not YamlScalarNode { Value: { } k } || !otherModel.Contains(k)))
            {
                merged.Children[key] = value;
            }
        }

        foreach (var (key, value) in arm.Children)
        {
            if (Nodes.IsNull(value))
            {
                merged.Children.Remove(key);
            }
            else
            {
                merged.Children[key] = value;
            }
        }

        return merged;
    }
}
