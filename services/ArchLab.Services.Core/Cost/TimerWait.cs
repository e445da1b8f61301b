using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace ArchLab.Services.Core.Cost;

/// <summary>
/// One wait on the <see cref="PreciseTimer"/>: completed once, by the timer at its deadline or by its cancellation,
/// whichever comes first. The timer decides at completion whether the continuation runs on its own thread.
/// </summary>
internal sealed class TimerWait : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core;
    private int _done;

    // Boxed so that the timer's thread reads it whole while the waiting thread may still be setting it.
    private StrongBox<CancellationTokenRegistration>? _registration;

    public ValueTask Task => new(this, _core.Version);

    public void CancelOn(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        // A cancelled wait stays in the heap until its deadline; completing it then does nothing.
        var registration = new StrongBox<CancellationTokenRegistration>(
            cancellationToken.UnsafeRegister(static (state, token) => ((TimerWait)state!).TryFail(new OperationCanceledException(token)), this));
        Volatile.Write(ref _registration, registration);
        if (Volatile.Read(ref _done) != 0)
        {
            registration.Value.Dispose();
        }
    }

    /// <summary>Completes the wait; with <paramref name="inline"/> its continuation runs on this thread, now.</summary>
    public void TryComplete(bool inline)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return;
        }

        Volatile.Read(ref _registration)?.Value.Dispose();
        _core.RunContinuationsAsynchronously = !inline;
        _core.SetResult(true);
    }

    public void TryFail(Exception error)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return;
        }

        _core.RunContinuationsAsynchronously = true;
        _core.SetException(error);
    }

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
