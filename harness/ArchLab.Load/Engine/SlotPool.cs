namespace ArchLab.Load.Engine;

/// <summary>
/// The open model's in-flight bound: at most <c>capacity</c> slots exist, created on first need. A due request
/// takes a free one or waits for one; the dispatcher decides when waiting has lasted too long.
/// </summary>
internal sealed class SlotPool : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<CallSlot> _free = new();
    private readonly List<CallSlot> _all = [];
    private readonly SemaphoreSlim _available;
    private readonly RunContext _context;
    private bool _disposed;

    public SlotPool(RunContext context, int capacity)
    {
        _context = context;
        _available = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>Takes a free slot, waiting at most <paramref name="wait"/>; false when none came free in time.</summary>
    public bool TryRent(TimeSpan wait, CancellationToken cancellationToken, out CallSlot slot)
    {
        slot = null!;
        if (!_available.Wait(0) && (wait <= TimeSpan.Zero || !_available.Wait(wait, cancellationToken)))
        {
            return false;
        }

        lock (_gate)
        {
            if (!_free.TryPop(out var free))
            {
                free = new CallSlot(_context, this);
                _all.Add(free);
            }

            slot = free;
        }

        return true;
    }

    /// <summary>Gives a slot back once its request has ended. A request that ends after the run (its target answered
    /// only after the end-of-run sweep) finds the pool disposed and its slot is dropped.</summary>
    public void Return(CallSlot slot)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _free.Push(slot);
            _available.Release();
        }
    }

    /// <summary>Every slot ever created, for the end-of-run sweep.</summary>
    public IReadOnlyList<CallSlot> All()
    {
        lock (_gate)
        {
            return [.. _all];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _available.Dispose();
        }
    }
}
