using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ArchLab.Contracts.Messages;
using ArchLab.Load.Targets;
using ArchLab.Services.Core.Cost;

namespace ArchLab.Harness.Consistency;

/// <summary>What a read-back found.</summary>
public enum ReadState
{
    /// <summary>The read model showed the order done: a fresh read.</summary>
    Completed,

    /// <summary>The read model still showed it accepted: a stale read.</summary>
    Accepted,

    /// <summary>The read model did not know the order (404).</summary>
    Unknown,

    /// <summary>No answer: refused, timed out, or an error status.</summary>
    Failed,
}

/// <summary>One read-back of an order: when it was due and sent, and what it found (<see cref="Stopwatch"/> ticks).</summary>
public readonly record struct ReadBack(long Seq, long Answered, long Sent, ReadState State);

/// <summary>
/// The caller reading its orders back: a wrapper of the load target that, for each accepted order, sends
/// <c>GET /orders/{id}</c> a fixed time after the answer, on the process's precise timer, off the load's slots (the
/// read never delays the next order), and keeps what each read found.
/// </summary>
public sealed class ReadBacks(ILoadTarget inner, Uri edge, TimeSpan after, Func<long, OrderId> idOf) : ILoadTarget, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentQueue<ReadBack> _reads = new();
    private readonly ConcurrentDictionary<long, Task> _pending = new();
    private readonly long _afterTicks = (long)(after.TotalSeconds * Stopwatch.Frequency);

    /// <summary>The configured delay from the caller's answer to its read.</summary>
    public TimeSpan After => after;

    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        var outcome = await inner.SendAsync(seq, cancellationToken);
        if (outcome.Kind == OutcomeKind.Accepted)
        {
            var answered = Stopwatch.GetTimestamp();
            _pending[seq] = ReadAsync(seq, answered);
        }

        return outcome;
    }

    /// <summary>Waits up to <paramref name="limit"/> for the reads still due or under way, then hands every read over.</summary>
    public async Task<IReadOnlyList<ReadBack>> FinishAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_pending.Values).WaitAsync(limit, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return [.. _reads.OrderBy(r => r.Seq)];
    }

    public void Dispose() => _http.Dispose();

    private async Task ReadAsync(long seq, long answered)
    {
        await PreciseTimer.Shared.WaitUntilAsync(answered + _afterTicks);
        var sent = Stopwatch.GetTimestamp();
        ReadState state;
        try
        {
            using var response = await _http.GetAsync(new Uri(edge, $"/orders/{idOf(seq)}"));
            state = response.StatusCode switch
            {
                HttpStatusCode.OK => StateOf(await response.Content.ReadAsByteArrayAsync()),
                HttpStatusCode.NotFound => ReadState.Unknown,
                _ => ReadState.Failed,
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            state = ReadState.Failed;
        }

        _reads.Enqueue(new ReadBack(seq, answered, sent, state));
        _pending.TryRemove(seq, out _);
    }

    private static ReadState StateOf(byte[] body) =>
        JsonSerializer.Deserialize(body, ContractsJsonContext.Default.OrderReceipt)?.Status == "completed" ? ReadState.Completed : ReadState.Accepted;
}
