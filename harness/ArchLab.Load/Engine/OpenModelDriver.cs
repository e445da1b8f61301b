using System.Diagnostics;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Load.Engine;

/// <summary>
/// The open model's dispatcher: one dedicated thread walks the schedule, waits precisely for each intended time
/// and starts the request through a free slot, whether or not earlier requests have returned. Targets must return
/// from <c>SendAsync</c> quickly (do their I/O asynchronously): its synchronous part runs on this thread.
/// When every slot is taken the due request waits (the wait shows in its send delay, and later requests queue
/// behind it as wrk2's queue behind its connections); one that would wait past the timeout is dropped and counted.
/// </summary>
internal sealed class OpenModelDriver : IDisposable
{
    private readonly RunContext _context;
    private readonly ArrivalSchedule _schedule;
    private readonly SlotPool _pool;
    private readonly long _start;
    private readonly long _timeoutTicks;
    private readonly DispatcherPriority _priority;
    private readonly long _behindTicks = Stopwatch.Frequency; // a hiccup of the machine is not a rate the engine cannot send
    private long _behind;

    /// <param name="start">Stopwatch ticks of the start of the load (warm-up included).</param>
    /// <param name="realtime">Whether to ask for real-time priority for the dispatcher thread.</param>
    public OpenModelDriver(RunContext context, ArrivalSchedule schedule, int maxInFlight, long start, bool realtime)
    {
        _priority = new DispatcherPriority(realtime);
        _context = context;
        _schedule = schedule;
        _pool = new SlotPool(context, maxInFlight);
        _start = start;
        _timeoutTicks = (long)(context.Timeout.TotalSeconds * Stopwatch.Frequency);
    }

    public IReadOnlyList<CallSlot> Slots => _pool.All();

    /// <summary>
    /// Requests of the measured window the dispatcher itself reached more than a second after their intended time: the
    /// engine could not keep up with the schedule. Time it spent waiting for a free slot is the target's doing and
    /// is not counted here (it shows in the send delay, and past the timeout in the drops).
    /// </summary>
    public long Behind => Interlocked.Read(ref _behind);

    /// <summary>Runs the schedule on a new thread; the task completes when the last request is handed out or dropped.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Dispatch(cancellationToken);
                done.TrySetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
            }
#pragma warning disable CA1031 // The failure goes to the awaiting caller instead of killing the process.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.TrySetException(e);
            }
        })
        {
            Name = "load-dispatcher",
            IsBackground = true,
            Priority = ThreadPriority.Highest,
        };
        thread.Start();
        return done.Task;
    }

    public void Dispose() => _pool.Dispose();

    private void Dispatch(CancellationToken cancellationToken)
    {
        _priority.Enter();
        var recording = _context.Recording;
        long seq = 0;
        long waitedForSlots = 0; // since the dispatcher was last on schedule
        foreach (var offset in _schedule.Times())
        {
            var intended = _start + (long)(offset * Stopwatch.Frequency);
            var waited = PreciseWait.Until(intended, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var now = Stopwatch.GetTimestamp();
            _priority.Observe(waited, now - intended);
            waitedForSlots = waited ? 0 : waitedForSlots;

            var warmup = recording.IsWarmup(intended);
            if (!warmup && now - intended - waitedForSlots > _behindTicks)
            {
                Interlocked.Increment(ref _behind);
            }

            recording.Offered(intended, warmup);
            var waitLeft = TimeSpan.FromSeconds((double)(intended + _timeoutTicks - now) / Stopwatch.Frequency);
            var renting = Stopwatch.GetTimestamp();
            var rented = _pool.TryRent(waitLeft, cancellationToken, out var slot);
            var rentEnded = Stopwatch.GetTimestamp();
            waitedForSlots += rentEnded - renting;
            if (!rented)
            {
                recording.Dropped(seq++, intended, rentEnded, warmup);
                continue;
            }

            slot.Prepare(seq++, intended, warmup);
            _context.HandedOut();
            slot.Start();
        }
    }
}
