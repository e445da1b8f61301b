namespace ArchLab.Proxy.Toxics;

/// <summary>
/// <c>bandwidth</c>: the direction carries at most <see cref="RateKBps"/>. A chunk leaves once the link has had the time
/// to carry it; large chunks go out in pieces of 100 ms worth, as in Toxiproxy, so that the flow stays smooth.
/// </summary>
public sealed record BandwidthToxic : ToxicOptions
{
    public const string TypeName = "bandwidth";

    /// <summary>Rate in KB/s (1 KB = 1000 bytes, as in Toxiproxy); <c>rate</c> in the JSON. 0 lets nothing through, as
    /// in Toxiproxy. Default: 0.</summary>
    public long RateKBps { get; init; }

    public override string Type => TypeName;

    internal override ToxicState NewState() => new State();

    internal override void Validate()
    {
        base.Validate();
        NotNegative(RateKBps, "rate");
        if (RateKBps > 1_000_000_000)
        {
            throw ProxyException.Invalid("rate must be at most 1000000000 KB/s");
        }
    }

    private sealed class State : ToxicState<BandwidthToxic>
    {
        private long _busyUntil = long.MinValue;
        private long _start;

        protected override void OnPlan(BandwidthToxic toxic, ref ChunkPlan plan)
        {
            if (plan.IsEnd)
            {
                return;
            }

            if (toxic.RateKBps == 0)
            {
                plan.Outcome = PlanOutcome.Hold;
                return;
            }

            var bytesPerSecond = toxic.RateKBps * 1000;
            plan.Bytes = (int)Math.Min(plan.Bytes, Math.Max(1, bytesPerSecond / 10));
            _start = Math.Max(plan.At, _busyUntil);
            plan.At = _start + Ticks.ForBytes(plan.Bytes, bytesPerSecond);
        }

        protected override void OnCommit(BandwidthToxic toxic, ref ChunkPlan plan)
        {
            // Later toxics may have sent fewer bytes than planned here: the link was busy for those only.
            var busy = _start + Ticks.ForBytes(plan.Bytes, toxic.RateKBps * 1000);
            _busyUntil = Math.Max(busy, plan.Now - Ticks.CatchUp);
        }
    }
}
