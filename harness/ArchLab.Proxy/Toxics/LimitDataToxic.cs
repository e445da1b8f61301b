namespace ArchLab.Proxy.Toxics;

/// <summary><c>limit_data</c>: the connection is closed once <see cref="Bytes"/> bytes have gone through this direction;
/// exactly that many arrive.</summary>
public sealed record LimitDataToxic : ToxicOptions
{
    public const string TypeName = "limit_data";

    /// <summary>Bytes let through before the close, counted from when the toxic met the connection; <c>bytes</c> in the
    /// JSON. Default: 0 (closes at the first data).</summary>
    public long Bytes { get; init; }

    public override string Type => TypeName;

    internal override ToxicState NewState() => new State();

    internal override void Validate()
    {
        base.Validate();
        NotNegative(Bytes, "bytes");
    }

    private sealed class State : ToxicState<LimitDataToxic>
    {
        private long _transmitted;

        protected override void OnPlan(LimitDataToxic toxic, ref ChunkPlan plan)
        {
            if (plan.IsEnd)
            {
                return;
            }

            var remaining = toxic.Bytes - _transmitted;
            if (remaining <= 0)
            {
                plan.Outcome = PlanOutcome.Close;
                return;
            }

            plan.Bytes = (int)Math.Min(plan.Bytes, remaining);
        }

        protected override void OnCommit(LimitDataToxic toxic, ref ChunkPlan plan)
        {
            _transmitted += plan.Bytes;
            plan.CloseAfter |= _transmitted >= toxic.Bytes;
        }
    }
}
