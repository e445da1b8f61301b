using ArchLab.Proxy.Links;

namespace ArchLab.Proxy.Toxics;

/// <summary>
/// <c>timeout</c>: no data gets through; the connection is closed <see cref="Timeout"/> after the toxic meets it, or
/// never when it is 0 (a black hole). Unlike Toxiproxy, which drops the data and closes the connection when the toxic
/// is removed, held data stays queued (TCP flow control stops the sender) and flows again, in order, once the toxic is
/// removed: a stall the system recovers from, not a loss.
/// </summary>
public sealed record TimeoutToxic : ToxicOptions
{
    public const string TypeName = "timeout";

    /// <summary>When to close the connection, counted from when the toxic started acting on it (its creation, or the
    /// toxic's addition or last update); 0 never closes; <c>timeout</c> in milliseconds in the JSON. Default: 0.</summary>
    public TimeSpan Timeout { get; init; }

    public override string Type => TypeName;

    internal override ToxicState NewState() => new State();

    internal override void Validate()
    {
        base.Validate();
        NotNegative(Timeout, "timeout");
    }

    private sealed class State : ToxicState<TimeoutToxic>
    {
        private TimeoutToxic? _armedFor;
        private Timer? _timer;

        protected override void OnPlan(TimeoutToxic toxic, ref ChunkPlan plan)
        {
            if (!plan.IsEnd)
            {
                plan.Outcome = PlanOutcome.Hold; // the end passes, as in Toxiproxy: nothing is held before it
            }
        }

        public override void Activate(ToxicOptions toxic, Connection connection)
        {
            if (ReferenceEquals(toxic, _armedFor))
            {
                return;
            }

            Deactivate();
            _armedFor = (TimeoutToxic)toxic;
            if (_armedFor.Timeout > TimeSpan.Zero)
            {
                _timer = new Timer(static c => ((Connection)c!).Close(reset: false), connection, _armedFor.Timeout, System.Threading.Timeout.InfiniteTimeSpan);
            }
        }

        public override void Deactivate()
        {
            _timer?.Dispose();
            _timer = null;
            _armedFor = null;
        }
    }
}
