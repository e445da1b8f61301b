namespace ArchLab.Proxy.Toxics;

/// <summary>
/// <c>reset_peer</c>: when data (or the end of the stream) first reaches the toxic, it is held and the connection is
/// reset (RST, SO_LINGER 0, on both sides) <see cref="Timeout"/> later, as in Toxiproxy: a peer sees "connection reset
/// by peer" on its next use of an idle connection.
/// </summary>
public sealed record ResetPeerToxic : ToxicOptions
{
    public const string TypeName = "reset_peer";

    /// <summary>Delay before the reset; <c>timeout</c> in milliseconds in the JSON. Default: 0 (at once).</summary>
    public TimeSpan Timeout { get; init; }

    public override string Type => TypeName;

    internal override ToxicState NewState() => new State();

    internal override void Validate()
    {
        base.Validate();
        NotNegative(Timeout, "timeout");
    }

    private sealed class State : ToxicState<ResetPeerToxic>
    {
        private long? _firstSeen;

        protected override void OnPlan(ResetPeerToxic toxic, ref ChunkPlan plan)
        {
            _firstSeen ??= plan.At;
            plan.At = _firstSeen.Value + Ticks.From(toxic.Timeout);
            plan.Outcome = PlanOutcome.Reset;
        }
    }
}
