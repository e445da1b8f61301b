namespace ArchLab.Proxy.Toxics;

/// <summary><c>slow_close</c>: the end of the stream (the sender's FIN) is passed on <see cref="Delay"/> late; data is
/// not delayed.</summary>
public sealed record SlowCloseToxic : ToxicOptions
{
    public const string TypeName = "slow_close";

    /// <summary>How late the close is passed on; <c>delay</c> in milliseconds in the JSON. Default: 0.</summary>
    public TimeSpan Delay { get; init; }

    public override string Type => TypeName;

    internal override ToxicState NewState() => new State();

    internal override void Validate()
    {
        base.Validate();
        NotNegative(Delay, "delay");
    }

    private sealed class State : ToxicState<SlowCloseToxic>
    {
        protected override void OnPlan(SlowCloseToxic toxic, ref ChunkPlan plan)
        {
            if (plan.IsEnd)
            {
                plan.At += Ticks.From(toxic.Delay);
            }
        }
    }
}
