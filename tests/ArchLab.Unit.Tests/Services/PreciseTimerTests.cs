using System.Diagnostics;
using ArchLab.Services.Core.Cost;

namespace ArchLab.Unit.Tests.StepServices;

/// <summary>The services' precise timer: never early, in deadline order, woken for an earlier deadline, cancellable.</summary>
[Collection(Timing.Name)]
public sealed class PreciseTimerTests : IDisposable
{
    private readonly PreciseTimer _timer = new();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wait_never_ends_before_its_deadline_whether_its_continuation_runs_inline_or_on_the_pool(bool inline)
    {
        using var timer = new PreciseTimer(inline);
        var started = Stopwatch.GetTimestamp();
        var waits = Enumerable.Range(1, 200).Select(async i =>
        {
            var deadline = started + (i * Stopwatch.Frequency / 10_000); // 0.1 ms apart, up to 20 ms
            await timer.WaitUntilAsync(deadline, Cancel);
            return Stopwatch.GetTimestamp() - deadline;
        }).ToList();

        var late = await Task.WhenAll(waits);

        Assert.All(late, l => Assert.True(l >= 0, $"ended {-l} ticks before its deadline"));
    }

    [Fact]
    public async Task Waits_end_in_the_order_of_their_deadlines()
    {
        var ended = new List<int>();
        var gate = new Lock();
        var start = Stopwatch.GetTimestamp();
        // Deadlines 5 ms apart, handed to the timer in scrambled order.
        var indexes = Enumerable.Range(0, 30).OrderBy(i => (i * 7919) % 31).ToList();
        var waits = indexes.Select(async i =>
        {
            await _timer.WaitUntilAsync(start + ((i + 4) * 5 * Stopwatch.Frequency / 1000), Cancel);
            lock (gate)
            {
                ended.Add(i);
            }
        }).ToList();

        await Task.WhenAll(waits);

        // Waits that fell due together while the thread was held up go to the thread pool, which may run them in any
        // order; waits whose deadlines lie more than 10 ms apart must end in the order of their deadlines.
        var position = ended.Select((wait, at) => (wait, at)).ToDictionary(p => p.wait, p => p.at);
        var inversions = (from a in indexes from b in indexes where b - a > 2 && position[b] < position[a] select (a, b)).ToList();
        Assert.True(inversions.Count == 0, $"ended {string.Join(",", ended)}");
    }

    [Fact]
    public async Task An_earlier_deadline_wakes_a_timer_asleep_until_a_later_one()
    {
        var later = _timer.WaitAsync(TimeSpan.FromSeconds(30), Cancel).AsTask();
        var started = Stopwatch.GetTimestamp();

        await _timer.WaitAsync(TimeSpan.FromMilliseconds(20), Cancel);

        Assert.InRange(Stopwatch.GetElapsedTime(started), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));
        Assert.False(later.IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once_as_cancelled()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var wait = _timer.WaitAsync(TimeSpan.FromMinutes(5), cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task A_zero_or_past_wait_is_complete_at_once()
    {
        Assert.True(_timer.WaitAsync(TimeSpan.Zero, Cancel).IsCompleted);
        Assert.True(_timer.WaitUntilAsync(Stopwatch.GetTimestamp() - 1, Cancel).IsCompleted);
        await _timer.WaitAsync(TimeSpan.FromTicks(1), Cancel);
    }

    [Fact]
    public async Task Disposing_fails_the_waits_still_pending()
    {
        using var timer = new PreciseTimer();
        var wait = timer.WaitAsync(TimeSpan.FromMinutes(5), Cancel).AsTask();

        timer.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait);
    }

    [Fact]
    public async Task A_continuation_on_the_timer_s_thread_may_dispose_the_timer()
    {
        var timer = new PreciseTimer(inline: true);

        await timer.WaitAsync(TimeSpan.FromMilliseconds(5), Cancel);
        timer.Dispose(); // likely on the timer's own thread: must not wait for itself

        Assert.Throws<ObjectDisposedException>(() => timer.WaitAsync(TimeSpan.FromMilliseconds(1), Cancel));
    }

    public void Dispose() => _timer.Dispose();
}
