using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Engine;

/// <summary>What every request of a run shares: the target, the recording, and the count of what is handed out and
/// not yet settled (the open model's requests, the closed model's users), which tells the engine when the load has
/// drained.</summary>
internal sealed class RunContext
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _fault;
    private long _outstanding;
    private int _loadDone;

    public RunContext(ILoadTarget target, RunRecording recording, TimeSpan timeout)
    {
        Target = target;
        Recording = recording;
        Timeout = timeout;
    }

    public ILoadTarget Target { get; }

    public RunRecording Recording { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Completes once the load is done and every request handed out has ended.</summary>
    public Task Drained => _drained.Task;

    /// <summary>The first failure of the engine itself (not of a target), if any.</summary>
    public Exception? FaultException => Volatile.Read(ref _fault);

    public void Fault(Exception exception) => Interlocked.CompareExchange(ref _fault, exception, null);

    public void HandedOut() => Interlocked.Increment(ref _outstanding);

    public void Settled()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0 && Volatile.Read(ref _loadDone) == 1)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>No request will be handed out any more.</summary>
    public void LoadDone()
    {
        Volatile.Write(ref _loadDone, 1);
        if (Interlocked.Read(ref _outstanding) == 0)
        {
            _drained.TrySetResult();
        }
    }
}
