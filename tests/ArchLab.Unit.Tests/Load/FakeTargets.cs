using ArchLab.Load.Targets;

namespace ArchLab.Unit.Tests.Load;

/// <summary>Answers at once with what <paramref name="answer"/> says for the sequence number.</summary>
internal sealed class InstantTarget(Func<long, CallOutcome> answer) : ILoadTarget
{
    public InstantTarget()
        : this(_ => CallOutcome.Accepted(200))
    {
    }

    public ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken) => ValueTask.FromResult(answer(seq));
}

/// <summary>Answers even sequence numbers at once and odd ones after a hop through the thread pool, so a run takes
/// both of the engine's paths: the request recorded where it was sent, and the request awaited.</summary>
internal sealed class AlternatingTarget : ILoadTarget
{
    public ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken) =>
        seq % 2 == 0 ? ValueTask.FromResult(CallOutcome.Accepted(200)) : LaterAsync();

    private static async ValueTask<CallOutcome> LaterAsync()
    {
        await Task.Yield();
        return CallOutcome.Accepted(200);
    }
}

/// <summary>Serves one request at a time, like a single connection; request <paramref name="stallSeq"/> takes
/// <paramref name="stall"/>, so whatever comes after it queues behind.</summary>
internal sealed class StallingTarget(long stallSeq, TimeSpan stall) : ILoadTarget
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            if (seq == stallSeq)
            {
                await Task.Delay(stall, cancellationToken);
            }

            return CallOutcome.Accepted(200);
        }
        finally
        {
            _one.Release();
        }
    }
}

/// <summary>Never answers: every request ends when the engine cancels it.</summary>
internal sealed class SilentTarget : ILoadTarget
{
    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return CallOutcome.Accepted(200);
    }
}
