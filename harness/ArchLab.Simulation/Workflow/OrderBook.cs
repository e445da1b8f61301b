namespace ArchLab.Simulation.Workflow;

/// <summary>What the caller saw of an order.</summary>
public enum CallerView : byte
{
    Waiting,
    Accepted,
    Failed,

    /// <summary>Never sent: the generator's in-flight bound was reached.</summary>
    Dropped,
}

/// <summary>
/// Every order of an arm in struct arrays (no object per order): when it was meant to be sent, what the caller saw,
/// which step effects and failed attempts happened how often, when anything last happened to it, and how it ended.
/// The simulator's ledger.
/// </summary>
public sealed class OrderBook(int steps)
{
    private double[] _intended = new double[1024];
    private double[] _completedAt = new double[1024];
    private double[] _answered = new double[1024];
    private CallerView[] _caller = new CallerView[1024];
    private byte[] _fate = new byte[1024];
    private byte[] _effects = new byte[1024 * steps];
    private byte[] _failures = new byte[1024 * steps];
    private double[] _lastProgress = new double[1024];
    private int[] _effectsDone = new int[1024];

    public const byte Expired = 1;
    public const byte DeadLettered = 2;
    public const byte Dropped = 4;

    public int Steps { get; } = steps;

    public int Count { get; private set; }

    public int Add(double intended)
    {
        if (Count == _intended.Length)
        {
            var size = Count * 2;
            Array.Resize(ref _intended, size);
            Array.Resize(ref _completedAt, size);
            Array.Resize(ref _answered, size);
            Array.Resize(ref _caller, size);
            Array.Resize(ref _fate, size);
            Array.Resize(ref _effects, size * Steps);
            Array.Resize(ref _failures, size * Steps);
            Array.Resize(ref _lastProgress, size);
            Array.Resize(ref _effectsDone, size);
        }

        _intended[Count] = intended;
        _completedAt[Count] = double.NaN;
        _answered[Count] = double.NaN;
        _lastProgress[Count] = double.NaN;
        return Count++;
    }

    public double Intended(int order) => _intended[order];

    public CallerView Caller(int order) => _caller[order];

    public void SetCaller(int order, CallerView view) => _caller[order] = view;

    public bool IsComplete(int order) => !double.IsNaN(_completedAt[order]);

    /// <summary>When the caller had its accepted answer; NaN for an order not accepted.</summary>
    public double Answered(int order) => _answered[order];

    public void SetAnswered(int order, double at) => _answered[order] = at;

    public double CompletedAt(int order) => _completedAt[order];

    public bool Has(int order, byte fate) => (_fate[order] & fate) != 0;

    public void Mark(int order, byte fate) => _fate[order] |= fate;

    public int Effects(int order, int step) => _effects[(order * Steps) + step];

    /// <summary>Effects per step of an order.</summary>
    public ReadOnlySpan<byte> EffectsOf(int order) => _effects.AsSpan(order * Steps, Steps);

    /// <summary>Failed attempts per step of an order.</summary>
    public ReadOnlySpan<byte> FailuresOf(int order) => _failures.AsSpan(order * Steps, Steps);

    /// <summary>When anything last happened to the order (accepted by the edge, an effect, a failed attempt); NaN while nothing has.</summary>
    public double LastProgress(int order) => _lastProgress[order];

    /// <summary>The edge accepted the order: what a ledger's edge record says.</summary>
    public void Progress(int order, double now) => _lastProgress[order] = double.IsNaN(_lastProgress[order]) ? now : Math.Max(_lastProgress[order], now);

    /// <summary>A step ran for the order and failed: no effect, but an attempt.</summary>
    public void Failed(int order, int step, double now)
    {
        Bump(ref _failures[(order * Steps) + step]);
        Progress(order, now);
    }

    /// <summary>Writes a step's effect; returns true when this effect completed the order (every step done, first time).</summary>
    public bool Effect(int order, int step, double now)
    {
        ref var count = ref _effects[(order * Steps) + step];
        Bump(ref count);
        Progress(order, now);

        if (count == 1 && ++_effectsDone[order] == Steps)
        {
            _completedAt[order] = now;
            return true;
        }

        return false;
    }

    private static void Bump(ref byte count)
    {
        if (count < byte.MaxValue)
        {
            count++;
        }
    }

    public bool Duplicated(int order)
    {
        for (var s = 0; s < Steps; s++)
        {
            if (_effects[(order * Steps) + s] > 1)
            {
                return true;
            }
        }

        return false;
    }
}
