using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>Reads <c>load:</c>; absent fields keep the defaults of <see cref="LoadSpec"/>.</summary>
internal static class LoadReader
{
    internal static readonly string[] OpenOnly = ["arrival", "rate", "ramp"];
    internal static readonly string[] ClosedOnly = ["users", "think"];
    private static readonly string[] Known =
        ["model", "arrival", "rate", "ramp", "duration", "warmup", "prime", "users", "think", "maxInFlight", "timeout", "drain", "readAfter", "agents"];

    private static readonly string[] RampKnown = ["from", "for"];
    private static readonly string[] Models = ["open", "closed"];
    private static readonly string[] Arrivals = ["constant", "poisson"];

    /// <param name="duration">The measured window, or null when <c>load.duration</c> is wrong (nothing to check fault times against).</param>
    /// <param name="path">Where the mapping is: <c>load</c>, or an arm's <c>arms.http.load</c>.</param>
    public static LoadSpec Read(YamlNode? node, Problems problems, out TimeSpan? duration, string path = "load")
    {
        var defaults = new LoadSpec();
        duration = defaults.Duration;
        var fields = Fields.Of(node, path, problems, Known, "a load mapping such as { model: open, rate: 100/s, duration: 10s }");
        if (fields is null)
        {
            return defaults;
        }

        var model = fields.Choice("model", Models) == "closed" ? LoadModel.Closed : LoadModel.Open;
        var (misplaced, only) = model == LoadModel.Open ? (ClosedOnly, "closed") : (OpenOnly, "open");
        foreach (var name in misplaced.Where(fields.Has))
        {
            fields.NotHere(name, $"is only for model: {only}");
        }

        var (rampFrom, rampFor) = ReadRamp(fields);
        var measured = fields.Duration("duration", positive: true);
        duration = measured ?? (fields.Has("duration") ? null : defaults.Duration);
        return defaults with
        {
            Model = model,
            Arrival = fields.Choice("arrival", Arrivals) == "poisson" ? Arrival.Poisson : defaults.Arrival,
            Rate = fields.Rate("rate") ?? defaults.Rate,
            RampFrom = rampFrom,
            RampFor = rampFor ?? defaults.RampFor,
            Duration = measured ?? defaults.Duration,
            Warmup = fields.Duration("warmup") ?? defaults.Warmup,
            Prime = fields.Integer("prime", min: 0) ?? defaults.Prime,
            Users = fields.Integer("users", min: 1) ?? defaults.Users,
            Think = fields.Duration("think") ?? defaults.Think,
            MaxInFlight = fields.Integer("maxInFlight", min: 1) ?? defaults.MaxInFlight,
            Timeout = fields.Duration("timeout", positive: true) ?? defaults.Timeout,
            Drain = fields.Duration("drain") ?? defaults.Drain,
            ReadAfter = fields.Duration("readAfter") ?? defaults.ReadAfter,
            Agents = fields.Integer("agents", min: 1) ?? defaults.Agents,
        };
    }

    private static (Rate? From, TimeSpan? For) ReadRamp(Fields load)
    {
        if (!load.Has("ramp"))
        {
            return (null, null);
        }

        var ramp = Fields.Of(load.Value("ramp"), load.PathOf("ramp"), load.Problems, RampKnown, "a ramp such as { from: 20/s, for: 5s }");
        if (ramp is null)
        {
            return (null, null);
        }

        var from = ramp.Required("from") is null ? null : ramp.Rate("from");
        var length = ramp.Required("for") is null ? null : ramp.Duration("for", positive: true);
        return (from, length);
    }
}
