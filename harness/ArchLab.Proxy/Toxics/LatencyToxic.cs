namespace ArchLab.Proxy.Toxics;

/// <summary>
/// <c>latency</c>: every chunk leaves <see cref="Latency"/> ± <see cref="Jitter"/> after it was read. Chunks keep their
/// order (one never overtakes the one before it) and the delay is pipelined, so latency alone does not limit throughput
/// (up to <see cref="FaultProxyOptions.QueuedChunks"/> in flight).
/// </summary>
public sealed record LatencyToxic : ToxicOptions
{
    public const string TypeName = "latency";

    /// <summary>Added delay; <c>latency</c> in milliseconds in the JSON. Default: 0.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Each chunk's delay is drawn uniformly in latency ± jitter (never below 0); <c>jitter</c> in
    /// milliseconds in the JSON. Default: 0.</summary>
    public TimeSpan Jitter { get; init; }

    public override string Type => TypeName;

    internal override ToxicState NewState() => new State();

    internal override void Validate()
    {
        base.Validate();
        NotNegative(Latency, "latency");
        NotNegative(Jitter, "jitter");
    }

    private sealed class State : ToxicState<LatencyToxic>
    {
        private long _drawnFor = long.MinValue;
        private LatencyToxic? _drawnWith;
        private long _delay;
        private long _planned;
        private long _lastRelease = long.MinValue;

        protected override void OnPlan(LatencyToxic toxic, ref ChunkPlan plan)
        {
            if (plan.IsEnd)
            {
                return; // the end follows the data, which is already delayed
            }

            // One draw per chunk: planning again after an unrelated change keeps the delay, new attributes redraw it.
            if (plan.Stamp != _drawnFor || !ReferenceEquals(toxic, _drawnWith))
            {
                _drawnFor = plan.Stamp;
                _drawnWith = toxic;
                var jitter = Ticks.From(toxic.Jitter);
                var delay = Ticks.From(toxic.Latency) + (jitter > 0 ? plan.Random.NextInt64(-jitter, jitter + 1) : 0);
                _delay = Math.Max(0, delay);
            }

            _planned = Math.Max(plan.At + _delay, _lastRelease);
            plan.At = _planned;
        }

        protected override void OnCommit(LatencyToxic toxic, ref ChunkPlan plan) => _lastRelease = _planned;
    }
}
