using System.Diagnostics;

namespace ArchLab.Load.Engine;

/// <summary>
/// The closed model: each virtual user sends, waits for its answer, thinks, and sends again until the end of the
/// load. A request leaves when its user decides, so intended = sent and corrected = uncorrected latency.
/// </summary>
internal sealed class ClosedModelDriver
{
    private readonly RunContext _context;
    private readonly CallSlot[] _users;
    private readonly TimeSpan _think;
    private readonly long _end;
    private long _nextSeq = -1;

    /// <param name="end">Stopwatch ticks after which no user starts a request.</param>
    public ClosedModelDriver(RunContext context, int users, TimeSpan think, long end)
    {
        _context = context;
        _users = new CallSlot[users];
        for (var i = 0; i < users; i++)
        {
            _users[i] = new CallSlot(context, pool: null);
        }

        _think = think;
        _end = end;
    }

    public IReadOnlyList<CallSlot> Slots => _users;

    /// <summary>Starts every user; the task completes when the last one has stopped.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_users.Select(user => Task.Run(() => UserAsync(user, cancellationToken), cancellationToken)));

    private async Task UserAsync(CallSlot user, CancellationToken cancellationToken)
    {
        var recording = _context.Recording;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= _end)
            {
                return;
            }

            var warmup = recording.IsWarmup(now);
            recording.Offered(now, warmup);
            user.Prepare(Interlocked.Increment(ref _nextSeq), now, warmup, sentAtIntended: true);
            _context.HandedOut();
            try
            {
                await user.RunAsync();
            }
            finally
            {
                _context.Settled();
            }

            if (_think > TimeSpan.Zero)
            {
                await Task.Delay(_think, cancellationToken);
            }
        }
    }
}
