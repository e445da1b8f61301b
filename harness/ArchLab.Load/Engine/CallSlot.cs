using System.Diagnostics;
using System.Runtime.CompilerServices;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Engine;

/// <summary>
/// One in-flight request, reused request after request so the hot path allocates nothing: it sends through the
/// target, cancels at the timeout, and records the outcome when the request ends. The open model's dispatcher
/// calls <see cref="Start"/>; a closed-model user awaits <see cref="RunAsync"/> itself.
/// </summary>
internal sealed class CallSlot
{
    private const int Idle = 0;
    private const int InFlight = 1;

    private readonly RunContext _context;
    private readonly SlotPool? _pool;
    private readonly UserTally? _tally;
    private readonly Action _finishPending;
    private CancellationTokenSource _timeout = new();
    private ValueTask _pending;
    private long _seq;
    private long _intended;
    private long _sent;
    private long _done;
    private bool _warmup;
    private bool _armed;
    private int _state;

    /// <param name="tally">A closed-model user's: requests answered at once are tallied there (the user flushes it).</param>
    public CallSlot(RunContext context, SlotPool? pool, UserTally? tally = null)
    {
        _context = context;
        _pool = pool;
        _tally = tally;
        _finishPending = FinishPending;
    }

    public void Prepare(long seq, long intended, bool warmup)
    {
        _seq = seq;
        _intended = intended;
        _warmup = warmup;
    }

    /// <summary>
    /// Open model: sends on the caller's thread up to the target's first wait (for an asynchronous target, the write
    /// to the socket), then returns; the slot goes back to the pool once the request has ended. No hop to the thread
    /// pool: on a busy two-core machine a queued work item can wait milliseconds for a thread, which would show as
    /// send delay that is the generator's fault.
    /// </summary>
    public void Start()
    {
        _pending = RunAsync();
        if (_pending.IsCompleted)
        {
            FinishPending();
        }
        else
        {
            _pending.GetAwaiter().UnsafeOnCompleted(_finishPending);
        }
    }

    /// <summary>A closed-model user's tally; null in the open model.</summary>
    public UserTally? Tally => _tally;

    /// <summary>When the last request this slot ran ended (stopwatch ticks).</summary>
    public long Done => _done;

    /// <summary>
    /// Sends the prepared request and records how it ended. A request the target answers at once (a buffered publish)
    /// is recorded here with no async state machine; only one still out is awaited.
    /// </summary>
    public ValueTask RunAsync()
    {
        long sent;
        if (_context.Recording.SentAtIntended)
        {
            sent = _intended; // counted as sent when it was offered
        }
        else
        {
            sent = Stopwatch.GetTimestamp();
            _context.Recording.Sent(sent, _warmup);
        }

        _sent = sent;
        Volatile.Write(ref _state, InFlight);
        ValueTask<CallOutcome> pending;
        CallOutcome outcome;
        bool answered;
        try
        {
            pending = _context.Target.SendAsync(_seq, _timeout.Token);

            // Read once: a completed pooled task whose result was taken may be reused, and then says nothing of this call.
            answered = pending.IsCompleted;
            outcome = answered ? Accounted(pending.Result) : default;
        }
#pragma warning disable CA1031 // A target that throws must cost one failed request, never the run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            pending = default;
            answered = true;
            outcome = FailureOf(e);
        }

        if (answered)
        {
            // Outside the try: a failure to record is the engine's, and must reach the run rather than count as the target's.
            End(outcome, Stopwatch.GetTimestamp(), answeredAtOnce: true);
            return ValueTask.CompletedTask;
        }

        // The timer is armed only for a call still out, for what is left of its timeout: a call answered at once
        // cannot time out, and arming and resetting a timer per call is a large share of the cost of a target that
        // completes synchronously (a buffered NATS publish: see the nats benchmark).
        var left = _context.Timeout - Stopwatch.GetElapsedTime(sent);
        _timeout.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        _armed = true;
        return AwaitAsync(pending);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitAsync(ValueTask<CallOutcome> pending)
    {
        CallOutcome outcome;
        try
        {
            outcome = Accounted(await pending);
        }
#pragma warning disable CA1031 // A target that throws must cost one failed request, never the run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = FailureOf(e);
        }

        End(outcome, Stopwatch.GetTimestamp());
    }

    // Dropped is the generator's verdict on a request it never sent; from a target it is a failure.
    private static CallOutcome Accounted(CallOutcome outcome) =>
        outcome.Kind == OutcomeKind.Dropped ? CallOutcome.Failed : outcome;

    private CallOutcome FailureOf(Exception e) =>
        e is OperationCanceledException && _timeout.IsCancellationRequested ? CallOutcome.Timeout : CallOutcome.Failed;

    /// <summary>End of run: a request still out (its target ignored the cancellation, or the run was cancelled) is
    /// cancelled and counted as a timeout now, so the counts add up; whatever it returns later is ignored.</summary>
    public void ForceTimeout() => End(CallOutcome.Timeout, Stopwatch.GetTimestamp(), abandon: true);

    private void End(CallOutcome outcome, long done, bool abandon = false, bool answeredAtOnce = false)
    {
        if (Interlocked.CompareExchange(ref _state, Idle, InFlight) != InFlight)
        {
            return;
        }

        if (abandon)
        {
            _timeout.Cancel();
        }
        else if (_armed && !_timeout.TryReset())
        {
            // A source whose timer fired cannot be reset; it is replaced, so a late timer never cancels the next request.
            _timeout.Dispose();
            _timeout = new CancellationTokenSource();
        }

        _armed = false;
        _done = done;

        var record = new CallRecord(_seq, _intended, _sent, done, outcome.Kind, outcome.StatusCode, _warmup);
        if (!answeredAtOnce || _tally?.TryEnded(record) != true)
        {
            _context.Recording.Ended(record);
        }
    }

    private void FinishPending()
    {
        var pending = _pending;
        _pending = default;
        try
        {
            pending.GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // On a pool thread an exception would kill the process; the run reports it instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _context.Fault(e);
        }

        _context.Settled();
        _pool?.Return(this);
    }
}
