using ArchLab.Simulation.Engine;

namespace ArchLab.Simulation.Queueing;

/// <summary>Whether a station's servers are working.</summary>
public enum StationState
{
    Up,

    /// <summary>Frozen (SIGSTOP): jobs keep their place and their remaining service time.</summary>
    Paused,

    /// <summary>Killed: jobs in service are dropped; queued jobs too unless the queue lives elsewhere (a broker).</summary>
    Down,
}

/// <summary>
/// A multi-server FIFO queue: <c>servers</c> workers (0: as many as there are jobs), a service-time distribution,
/// a state that faults change, a slow-down factor, and the integrals Little's law needs. Jobs are integers that the
/// owning model (<see cref="IStationClient"/>) gives meaning to.
/// </summary>
public sealed class Station : IEventHandler
{
    private const int Completion = 0;

    private const int Freed = 1;

    // A slot whose worker has served its job and is still busy with it (Hold): not free, no job.
    private const int Holding = -2;

    private readonly Simulator _sim;
    private readonly int _id;
    private readonly ServiceSampler _sampler;
    private readonly ServiceDraws _draws;
    private readonly IStationClient _client;
    private readonly bool _askBeforeStart;
    private readonly JobRing _queue = new();
    private int[] _slotJob;
    private double[] _slotDue;
    private double[] _slotArrived;
    private double[] _slotStarted;
    private int[] _free;
    private int _freeCount;
    private int _epoch;

    // Little's law: the integral of the number inside, and the arrival times of those inside.
    private double _area;
    private double _lastChange;
    private double _presentArrivalSum;
    private double _departedSojourn;

    /// <param name="askBeforeStart">Ask <see cref="IStationClient.Wanted"/> before every start (a consumer's delivery), not only for queued jobs.</param>
    public Station(Simulator sim, string name, int servers, ServiceSampler sampler, ServiceDraws draws, IStationClient client, bool askBeforeStart = false)
    {
        _askBeforeStart = askBeforeStart;
        ArgumentOutOfRangeException.ThrowIfNegative(servers);
        _sim = sim;
        Name = name;
        Servers = servers;
        _sampler = sampler;
        _draws = draws;
        _client = client;
        var initial = servers == 0 ? 16 : servers;
        _slotJob = new int[initial];
        Array.Fill(_slotJob, -1);
        _slotDue = new double[initial];
        _slotArrived = new double[initial];
        _slotStarted = new double[initial];
        _free = new int[initial];
        for (var i = 0; i < initial; i++)
        {
            _free[i] = initial - 1 - i;
        }

        _freeCount = initial;
        _id = sim.Register(this);
    }

    public string Name { get; }

    /// <summary>Workers; 0 means unbounded.</summary>
    public int Servers { get; }

    public StationState State { get; private set; } = StationState.Up;

    /// <summary>
    /// Seconds a worker stays busy after its job is served, before it takes the next: what a consumer does after the
    /// step's effect and before its next delivery (publishing the next event, acknowledging). The job goes on at once.
    /// </summary>
    public double Hold { get; init; }

    /// <summary>Service times are multiplied by this (a slow-down fault). Default: 1.</summary>
    public double Slowdown { get; set; } = 1;

    /// <summary>Jobs inside: queued plus in service.</summary>
    public int InSystem { get; private set; }

    public int Queued => _queue.Count;

    public int Busy => _slotJob.Length - _freeCount;

    public long Arrivals { get; private set; }

    public long Departures { get; private set; }

    /// <summary>During <see cref="IStationClient.Served"/>: how long the served job waited in the queue, seconds.</summary>
    public double LastWait { get; private set; }

    /// <summary>The integral of the number inside over time, up to now (number-seconds).</summary>
    public double Area
    {
        get
        {
            Advance();
            return _area;
        }
    }

    /// <summary>A job arrives. While down the job waits in the queue: the caller decides whether a down station takes jobs at all.</summary>
    public void Admit(int job)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(job);
        Advance();
        Arrivals++;
        InSystem++;
        _presentArrivalSum += _sim.Now;
        if (State == StationState.Up && HasFreeServer())
        {
            if (!_askBeforeStart || _client.Wanted(this, job))
            {
                Start(job, _sim.Now);
            }
            else
            {
                Depart(_sim.Now);
            }
        }
        else
        {
            _queue.Enqueue(job, _sim.Now);
        }
    }

    /// <summary>SIGKILL: in-service jobs are dropped, and the queue too when <paramref name="dropQueue"/> (it lived in the process).</summary>
    public void Kill(bool dropQueue)
    {
        State = StationState.Down;
        _epoch++;
        var capacity = _slotJob.Length;
        var busy = new List<int>();
        for (var s = 0; s < capacity; s++)
        {
            if (!IsFree(s))
            {
                busy.Add(s);
            }
        }

        foreach (var s in busy)
        {
            var job = _slotJob[s];
            if (job == Holding)
            {
                Release(s);
                continue;
            }

            Depart(_slotArrived[s]);
            Release(s);
            _client.Dropped(this, job);
        }

        if (dropQueue)
        {
            while (_queue.Count > 0)
            {
                var (job, arrived) = _queue.Dequeue();
                Depart(arrived);
                _client.Dropped(this, job);
            }
        }
    }

    /// <summary>SIGSTOP: the servers freeze; each job keeps the service time it still needs.</summary>
    public void Pause()
    {
        if (State != StationState.Up)
        {
            return;
        }

        State = StationState.Paused;
        _epoch++;
        for (var s = 0; s < _slotJob.Length; s++)
        {
            if (!IsFree(s))
            {
                _slotDue[s] -= _sim.Now; // now the remaining time
            }
        }
    }

    /// <summary>SIGCONT or a restart: paused jobs resume where they were, queued jobs start.</summary>
    public void Resume()
    {
        var wasPaused = State == StationState.Paused;
        State = StationState.Up;
        _epoch++;
        for (var s = 0; s < _slotJob.Length; s++)
        {
            if (!IsFree(s))
            {
                // After a pause the slot holds the remaining time; after a kill no slot is busy.
                _slotDue[s] = _sim.Now + (wasPaused ? _slotDue[s] : 0);
                _sim.At(_slotDue[s], _id, _slotJob[s] == Holding ? Freed : Completion, s, _epoch);
            }
        }

        StartQueued();
    }

    public void Handle(int kind, int a, int b)
    {
        if (b != _epoch || State != StationState.Up)
        {
            return; // scheduled before a kill or a pause: no longer true
        }

        var slot = a;
        if (kind == Freed)
        {
            Release(slot);
            StartQueued();
            return;
        }

        var job = _slotJob[slot];
        LastWait = _slotStarted[slot] - _slotArrived[slot];
        Depart(_slotArrived[slot]);
        if (Hold > 0)
        {
            _slotJob[slot] = Holding;
            _slotDue[slot] = _sim.Now + Hold;
            _sim.At(_slotDue[slot], _id, Freed, slot, _epoch);
        }
        else
        {
            Release(slot);
        }

        _client.Served(this, job);
        StartQueued();
    }

    /// <summary>Little's law over the run so far.</summary>
    public LittleLaw Little()
    {
        Advance();
        var now = _sim.Now;
        var totalTime = _departedSojourn + (InSystem * now) - _presentArrivalSum;
        return new LittleLaw(Name, now, Arrivals, now > 0 ? _area / now : 0, now > 0 ? Arrivals / now : 0, Arrivals > 0 ? totalTime / Arrivals : 0);
    }

    private void StartQueued()
    {
        while (State == StationState.Up && _queue.Count > 0 && HasFreeServer())
        {
            var (job, arrived) = _queue.Dequeue();
            if (_client.Wanted(this, job))
            {
                Start(job, arrived);
            }
            else
            {
                Advance();
                Depart(arrived);
            }
        }
    }

    private void Start(int job, double arrived)
    {
        if (_freeCount == 0)
        {
            Grow();
        }

        var slot = _free[--_freeCount];
        _slotJob[slot] = job;
        _slotArrived[slot] = arrived;
        _slotStarted[slot] = _sim.Now;
        _slotDue[slot] = _sim.Now + ((_client.ServiceOf(this, job) ?? _sampler.Next(_draws)) * Slowdown);
        _sim.At(_slotDue[slot], _id, Completion, slot, _epoch);
    }

    private bool HasFreeServer() => Servers == 0 || _freeCount > 0;

    // A free slot holds -1 (a holding one -2): jobs are non-negative.
    private bool IsFree(int slot) => _slotJob[slot] == -1;

    private void Release(int slot)
    {
        _slotJob[slot] = -1;
        _free[_freeCount++] = slot;
    }

    private void Depart(double arrived)
    {
        Advance();
        Departures++;
        InSystem--;
        _presentArrivalSum -= arrived;
        _departedSojourn += _sim.Now - arrived;
    }

    private void Advance()
    {
        var now = _sim.Now;
        _area += InSystem * (now - _lastChange);
        _lastChange = now;
    }

    // Only unbounded stations grow: as many servers as jobs.
    private void Grow()
    {
        var old = _slotJob.Length;
        var size = old * 2;
        Array.Resize(ref _slotJob, size);
        Array.Fill(_slotJob, -1, old, size - old);
        Array.Resize(ref _slotDue, size);
        Array.Resize(ref _slotArrived, size);
        Array.Resize(ref _slotStarted, size);
        Array.Resize(ref _free, size);
        for (var i = size - 1; i >= old; i--)
        {
            _free[_freeCount++] = i;
        }
    }
}
