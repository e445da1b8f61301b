namespace ArchLab.Simulation.Engine;

/// <summary>
/// The discrete-event engine: a virtual clock in seconds and one queue of pending events. Components register
/// once and get an index; an event is (time, component, kind, two integers), so the hot loop allocates nothing.
/// </summary>
public sealed class Simulator
{
    private readonly EventQueue _queue = new();
    private readonly List<IEventHandler> _handlers = [];
    private IEventHandler[] _table = [];
    private long _sequence;

    /// <summary>The virtual clock, in seconds since the start of the simulation.</summary>
    public double Now { get; private set; }

    /// <summary>Events handled so far.</summary>
    public long EventsProcessed { get; private set; }

    public int Pending => _queue.Count;

    /// <summary>Registers a component; the returned index addresses it in <see cref="At"/>.</summary>
    public int Register(IEventHandler handler)
    {
        _handlers.Add(handler);
        _table = [.. _handlers];
        return _handlers.Count - 1;
    }

    /// <summary>Schedules an event at an absolute time (not before now).</summary>
    public void At(double time, int handler, int kind, int a = 0, int b = 0)
    {
        if (!(time >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"an event cannot be scheduled before now ({Now})");
        }

        _queue.Push(new PendingEvent { Time = time, Sequence = _sequence++, Handler = handler, Kind = kind, A = a, B = b });
    }

    /// <summary>Schedules an event <paramref name="delay"/> seconds from now.</summary>
    public void After(double delay, int handler, int kind, int a = 0, int b = 0) => At(Now + Math.Max(0, delay), handler, kind, a, b);

    /// <summary>Runs events until none is left or the next one is later than <paramref name="until"/>; the clock ends at <paramref name="until"/> (or the last event).</summary>
    public void RunUntil(double until)
    {
        var table = _table;
        while (_queue.Count > 0 && _queue.Peek().Time <= until)
        {
            var e = _queue.Pop();
            Now = e.Time;
            EventsProcessed++;
            table[e.Handler].Handle(e.Kind, e.A, e.B);
            if (!ReferenceEquals(table, _table))
            {
                table = _table;
            }
        }

        if (!double.IsPositiveInfinity(until) && until > Now)
        {
            Now = until;
        }
    }

    /// <summary>Runs while <paramref name="notDone"/> holds, or the queue is empty, or the clock passes <paramref name="until"/>.</summary>
    public void RunWhile(Func<bool> notDone, double until)
    {
        while (_queue.Count > 0 && _queue.Peek().Time <= until && notDone())
        {
            var e = _queue.Pop();
            Now = e.Time;
            EventsProcessed++;
            _table[e.Handler].Handle(e.Kind, e.A, e.B);
        }
    }
}
