using System.Diagnostics;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Harness.Samplers;

/// <summary>
/// Reads the broker's counters for the whole arm (a stream's from <c>/jsz</c>, or RabbitMQ's queues'), at the timeline's <see cref="TimelineGrid.BacklogSamplePeriod"/>
/// (every 100 ms on a fine timeline, twice a second on one of whole seconds): the backlog over time, its peak, and
/// the last snapshot the ledger is reconciled with. A broker that does not answer (paused, killed) leaves a gap.
/// </summary>
public sealed class BrokerSampler : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<JszSnapshot?>> _read;
    private readonly IDisposable _reader;
    private readonly List<(long Timestamp, JszSnapshot Snapshot)> _samples = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public BrokerSampler(string monitoringUrl, string stream, TimeSpan? interval = null)
        : this([(monitoringUrl, (string?)null)], stream, interval)
    {
    }

    /// <param name="nodes">Every node of a cluster, with its server name: each sample is the stream leader's counters (<see cref="JszClient"/>).</param>
    public BrokerSampler(IReadOnlyList<(string Url, string? Name)> nodes, string stream, TimeSpan? interval = null)
        : this(new JszClient(nodes), stream, interval)
    {
    }

    private BrokerSampler(JszClient client, string stream, TimeSpan? interval)
        : this(cancellationToken => client.ReadAsync(stream, cancellationToken), client, interval)
    {
    }

    /// <param name="read">One reading of the broker's counters; null when it does not answer.</param>
    /// <param name="reader">What the readings use, disposed with the sampler.</param>
    public BrokerSampler(Func<CancellationToken, Task<JszSnapshot?>> read, IDisposable reader, TimeSpan? interval = null)
    {
        _read = read;
        _reader = reader;
        _loop = LoopAsync(interval ?? TimeSpan.FromMilliseconds(500));
    }

    /// <summary>The newest snapshot, or null before the first answer.</summary>
    public JszSnapshot? Latest
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count == 0 ? null : _samples[^1].Snapshot;
            }
        }
    }

    public long PeakBacklog
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count == 0 ? 0 : _samples.Max(s => s.Snapshot.Backlog);
            }
        }
    }

    /// <summary>Reads the broker now (outside the sampling rhythm) and keeps the answer.</summary>
    public async Task<JszSnapshot?> SampleNowAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _read(cancellationToken);
        if (snapshot is not null)
        {
            lock (_gate)
            {
                _samples.Add((Stopwatch.GetTimestamp(), snapshot));
            }
        }

        return snapshot;
    }

    /// <summary>The last backlog seen in each interval since <paramref name="start"/> (Stopwatch ticks); null for an interval with no answer.</summary>
    public IReadOnlyList<long?> BacklogPerInterval(long start, TimelineGrid grid, int intervals)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var result = new long?[intervals];
        lock (_gate)
        {
            foreach (var (timestamp, snapshot) in _samples)
            {
                var index = grid.IndexOf(Stopwatch.GetElapsedTime(start, timestamp).TotalSeconds);
                if (index >= 0 && index < intervals)
                {
                    result[index] = snapshot.Backlog;
                }
            }
        }

        return result;
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await SampleNowAsync(_stop.Token);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _reader.Dispose();
    }
}
