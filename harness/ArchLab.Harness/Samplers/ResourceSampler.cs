using System.Collections.Concurrent;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Harness.Samplers;

/// <summary>
/// Samples CPU seconds and peak RSS of named processes twice a second, and once more on demand before a
/// process is stopped. A role restarted under a new pid adds its CPU time to the previous incarnations'.
/// </summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ResourceSampler(TimeSpan? interval = null) => _loop = LoopAsync(interval ?? TimeSpan.FromMilliseconds(500));

    /// <summary>Starts following <paramref name="pid"/> under <paramref name="name"/>.</summary>
    /// <param name="name">The name in results (a role, <c>nats-server</c>, <c>harness</c>).</param>
    /// <param name="pid">The process.</param>
    /// <param name="countFromNow">Count only CPU spent from now on: for a process that lives longer than the arm, like the harness.</param>
    public void Track(string name, int pid, bool countFromNow = false)
    {
        var entry = _entries.GetOrAdd(name, _ => new Entry());
        lock (entry)
        {
            entry.FinishedCpu += entry.CurrentCpu;
            entry.CurrentCpu = 0;
            entry.Pid = pid;
            if (countFromNow && ProcUsage.Read(pid) is { } usage)
            {
                entry.FinishedCpu -= usage.CpuSec;
            }
        }

        Sample(name);
    }

    /// <summary>Reads the process now (call it right before stopping or killing it).</summary>
    public void Sample(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            return;
        }

        lock (entry)
        {
            if (entry.Pid is { } pid && ProcUsage.Read(pid) is { } usage)
            {
                entry.CurrentCpu = usage.CpuSec;
                entry.PeakRssMb = Math.Max(entry.PeakRssMb, usage.PeakRssMb);
            }
        }
    }

    public IReadOnlyList<ProcessResources> Snapshot()
    {
        foreach (var name in _entries.Keys)
        {
            Sample(name);
        }

        return _entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e =>
            {
                lock (e.Value)
                {
                    return new ProcessResources(e.Key, Math.Round(e.Value.FinishedCpu + e.Value.CurrentCpu, 3), Math.Round(e.Value.PeakRssMb, 1));
                }
            })
            .ToList();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var name in _entries.Keys)
                {
                    Sample(name);
                }
            }
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
    }

    private sealed class Entry
    {
        public int? Pid { get; set; }

        public double FinishedCpu { get; set; }

        public double CurrentCpu { get; set; }

        public double PeakRssMb { get; set; }
    }
}
