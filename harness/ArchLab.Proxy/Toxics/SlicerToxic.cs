namespace ArchLab.Proxy.Toxics;

/// <summary>
/// <c>slicer</c>: chunks go out in slices of about <see cref="AverageSize"/> ± <see cref="SizeVariation"/> bytes, with
/// <see cref="Delay"/> between slices, as a congested network delivers them. Waits shorter than the timer resolution
/// (about 1 ms) are made up over the next slices, so the average pace holds.
/// </summary>
public sealed record SlicerToxic : ToxicOptions
{
    public const string TypeName = "slicer";

    /// <summary>Average slice size in bytes; <c>average_size</c> in the JSON. Default: 0 (must be set, at least 1).</summary>
    public int AverageSize { get; init; }

    /// <summary>Slices vary by up to this many bytes either way, less than <see cref="AverageSize"/>;
    /// <c>size_variation</c> in the JSON. Default: 0.</summary>
    public int SizeVariation { get; init; }

    /// <summary>Pause between slices; <c>delay</c> in microseconds in the JSON. Default: 0.</summary>
    public TimeSpan Delay { get; init; }

    public override string Type => TypeName;

    internal override ToxicState NewState() => new State();

    internal override void Validate()
    {
        base.Validate();
        NotNegative(Delay, "delay");
        NotNegative(SizeVariation, "size_variation");
        if (AverageSize < 1)
        {
            throw ProxyException.Invalid("average_size must be at least 1");
        }

        if (SizeVariation >= AverageSize)
        {
            throw ProxyException.Invalid("size_variation must be less than average_size");
        }
    }

    private sealed class State : ToxicState<SlicerToxic>
    {
        private int _size;
        private SlicerToxic? _sizeFor;
        private long _planned;
        private long _lastSlice = long.MinValue;

        protected override void OnPlan(SlicerToxic toxic, ref ChunkPlan plan)
        {
            if (plan.IsEnd)
            {
                return;
            }

            if (_size == 0 || !ReferenceEquals(toxic, _sizeFor))
            {
                _sizeFor = toxic;
                var variation = toxic.SizeVariation;
                _size = plan.Bytes - toxic.AverageSize <= variation
                    ? plan.Bytes
                    : toxic.AverageSize + plan.Random.Next(-variation, variation + 1);
            }

            plan.Bytes = Math.Min(plan.Bytes, _size);
            _planned = _lastSlice == long.MinValue ? plan.At : Math.Max(plan.At, _lastSlice + Ticks.From(toxic.Delay));
            plan.At = _planned;
        }

        protected override void OnCommit(SlicerToxic toxic, ref ChunkPlan plan)
        {
            _size = 0;
            _lastSlice = Math.Max(_planned, plan.Now - Ticks.CatchUp);
        }
    }
}
