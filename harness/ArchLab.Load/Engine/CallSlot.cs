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
    private readonly Action _finishPending;
    private CancellationTokenSource _timeout = new();
    private ValueTask _pending;
    private long _seq;
    private long _intended;
    private long _sent;
    private bool _warmup;
    private bool _sentAtIntended;
    private bool _armed;
    private int _state;

    public CallSlot(RunContext context, SlotPool? pool)
    {
        _context = context;
        _pool = pool;
        _finishPending = FinishPending;
    }

    /// <param name="sentAtIntended">Closed model: the request leaves when the user decides, so sent = intended.</param>
    public void Prepare(long seq, long intended, bool warmup, bool sentAtIntended)
    {
        _seq = seq;
        _intended = intended;
        _warmup = warmup;
        _sentAtIntended = sentAtIntended;
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

    /// <summary>Sends the prepared request and records how it ended.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunAsync()
    {
        var sent = _sentAtIntended ? _intended : Stopwatch.GetTimestamp();
        _sent = sent;
        Volatile.Write(ref _state, InFlight);
        _context.Recording.Sent(sent, _warmup);
        CallOutcome outcome;
        try
        {
            var pending = _context.Target.SendAsync(_seq, _timeout.Token);
            if (!pending.IsCompleted)
            {
                // The timer is armed only for a call still out, for what is left of its timeout: a call answered at
                // once cannot time out, and arming and resetting a timer per call is a large share of the cost of a
                // target that completes synchronously (a buffered NATS publish: see the nats benchmark).
                var left = _context.Timeout - Stopwatch.GetElapsedTime(sent);
                _timeout.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                _armed = true;
            }

            outcome = await pending;
            if (outcome.Kind == OutcomeKind.Dropped)
            {
                outcome = CallOutcome.Failed;
            }
        }
        catch (OperationCanceledException) when (_timeout.IsCancellationRequested)
        {
            outcome = CallOutcome.Timeout;
        }
#pragma warning disable CA1031 // A target that throws must cost one failed request, never the run.
        catch (Exception)
#pragma warning restore CA1031
        {
            outcome = CallOutcome.Failed;
        }

        End(outcome, Stopwatch.GetTimestamp());
    }

    /// <summary>End of run: a request still out (its target ignored the cancellation, or the run was cancelled) is
    /// cancelled and counted as a timeout now, so the counts add up; whatever it returns later is ignored.</summary>
    public void ForceTimeout() => End(CallOutcome.Timeout, Stopwatch.GetTimestamp(), abandon: true);

    private void End(CallOutcome outcome, long done, bool abandon = false)
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

        _context.Recording.Ended(new CallRecord(_seq, _intended, _sent, done, outcome.Kind, outcome.StatusCode, _warmup));
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
