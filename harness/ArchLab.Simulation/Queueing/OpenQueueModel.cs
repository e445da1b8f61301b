using ArchLab.Simulation.Engine;
using HdrHistogram;

namespace ArchLab.Simulation.Queueing;

/// <summary>One queue fed by Poisson arrivals: M/G/c in Kendall's notation. The model the theory tests and the engine benchmark run.</summary>
/// <param name="ArrivalRate">λ, customers per second.</param>
/// <param name="Servers">c.</param>
/// <param name="Service">The service-time distribution (seconds).</param>
/// <param name="Customers">Customers measured after the warm-up.</param>
/// <param name="Warmup">Customers served first and not measured, so the queue starts near its steady state.</param>
/// <param name="Batches">Batches for the confidence intervals. Default: 20.</param>
/// <param name="Seed">Seed of the arrival and service streams. Default: 1.</param>
public sealed record OpenQueueOptions(double ArrivalRate, int Servers, ServiceSampler Service, long Customers, long Warmup, int Batches = 20, long Seed = 1)
{
    /// <summary>Record every response time in a histogram (for percentiles); off to time the engine alone.</summary>
    public bool Percentiles { get; init; } = true;
}

/// <summary>Estimates of one run, each with a 95% batch-means interval; response and wait in seconds.</summary>
public sealed record OpenQueueResult(
    BatchEstimate Response,
    BatchEstimate Wait,
    BatchEstimate WaitedShare,
    BatchEstimate NumberInSystem,
    BatchEstimate? P99Response,
    LittleLaw Little,
    long Events);

/// <summary>Runs an <see cref="OpenQueueOptions"/> model to the end.</summary>
public sealed class OpenQueueModel : IEventHandler, IStationClient
{
    private const int Arrival = 0;
    private const double NanosPerSecond = 1e9;

    private readonly OpenQueueOptions _options;
    private readonly Simulator _sim = new();
    private readonly RandomStream _arrivals;
    private readonly Station _station;
    private readonly int _id;
    private readonly long _perBatch;
    private readonly long _total;
    private double[] _arrivedAt = new double[1 << 16];
    private long _next;
    private long _served;

    private readonly double[] _responseSum;
    private readonly double[] _waitSum;
    private readonly long[] _waited;
    private readonly double[] _areaAtEnd;
    private readonly double[] _timeAtEnd;
    private readonly LongHistogram?[] _histograms;

    private OpenQueueModel(OpenQueueOptions options)
    {
        _options = options;
        _arrivals = new RandomStream(options.Seed, "arrivals");
        _id = _sim.Register(this);
        _station = new Station(_sim, "queue", options.Servers, options.Service, ServiceDraws.Of(new RandomStream(options.Seed, "service")), this);
        _perBatch = options.Customers / options.Batches;
        _total = options.Warmup + (_perBatch * options.Batches);
        _responseSum = new double[options.Batches];
        _waitSum = new double[options.Batches];
        _waited = new long[options.Batches];
        _areaAtEnd = new double[options.Batches + 1];
        _timeAtEnd = new double[options.Batches + 1];
        _histograms = new LongHistogram?[options.Batches];
        if (options.Percentiles)
        {
            for (var i = 0; i < options.Batches; i++)
            {
                _histograms[i] = new LongHistogram(1, 3_600_000_000_000, 3);
            }
        }
    }

    public static OpenQueueResult Run(OpenQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Customers < options.Batches * 10L)
        {
            throw new ArgumentException($"{options.Customers} customers cannot fill {options.Batches} batches", nameof(options));
        }

        var model = new OpenQueueModel(options);
        model._sim.At(model._arrivals.Exponential(1 / options.ArrivalRate), model._id, Arrival);
        model._sim.RunUntil(double.PositiveInfinity);
        return model.Result();
    }

    public void Handle(int kind, int a, int b)
    {
        var job = (int)(_next & int.MaxValue);
        if (_next >= _arrivedAt.Length)
        {
            Array.Resize(ref _arrivedAt, _arrivedAt.Length * 2);
        }

        _arrivedAt[_next] = _sim.Now;
        _next++;
        _station.Admit(job);
        if (_next < _total)
        {
            _sim.After(_arrivals.Exponential(1 / _options.ArrivalRate), _id, Arrival);
        }
    }

    public void Served(Station station, int job)
    {
        var index = _served++;
        if (index == _options.Warmup - 1 || (_options.Warmup == 0 && index == 0))
        {
            _areaAtEnd[0] = _station.Area;
            _timeAtEnd[0] = _sim.Now;
        }

        // Customers are served out of order with several servers; a batch is the served customers' count.
        var measured = index - _options.Warmup;
        if (measured < 0)
        {
            return;
        }

        var batch = (int)(measured / _perBatch);
        var response = _sim.Now - _arrivedAt[job];
        _responseSum[batch] += response;
        _waitSum[batch] += station.LastWait;
        if (station.LastWait > 0)
        {
            _waited[batch]++;
        }

        _histograms[batch]?.RecordValue(Math.Max(1, (long)(response * NanosPerSecond)));
        if ((measured + 1) % _perBatch == 0)
        {
            _areaAtEnd[batch + 1] = _station.Area;
            _timeAtEnd[batch + 1] = _sim.Now;
        }
    }

    public void Dropped(Station station, int job) => throw new InvalidOperationException("nothing drops jobs in an open queue model");

    public bool Wanted(Station station, int job) => true;

    private OpenQueueResult Result()
    {
        var batches = _options.Batches;
        var n = (double)_perBatch;
        var number = new double[batches];
        for (var i = 0; i < batches; i++)
        {
            number[i] = (_areaAtEnd[i + 1] - _areaAtEnd[i]) / (_timeAtEnd[i + 1] - _timeAtEnd[i]);
        }

        return new OpenQueueResult(
            BatchEstimate.Of(_responseSum.Select(s => s / n).ToList()),
            BatchEstimate.Of(_waitSum.Select(s => s / n).ToList()),
            BatchEstimate.Of(_waited.Select(w => w / n).ToList()),
            BatchEstimate.Of(number),
            _options.Percentiles ? BatchEstimate.Of(_histograms.Select(h => h!.GetValueAtPercentile(99) / NanosPerSecond).ToList()) : null,
            _station.Little(),
            _sim.EventsProcessed);
    }
}
