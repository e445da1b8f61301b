using System.Diagnostics;
using ArchLab.Load.Recording;

namespace ArchLab.Load.Engine;

/// <summary>
/// The closed model: each virtual user sends, waits for its answer, thinks, and sends again until the end of the
/// load. A request leaves when its user decides, so intended = sent and corrected = uncorrected latency. With no
/// think time the user decides the moment its answer comes: the next request is intended then, and the engine's own
/// bookkeeping between the two counts against it, as it would in a client that did that work itself. That also spares
/// a clock read per request, which on a virtual machine costs a fair share of a buffered publish.
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
            _users[i] = new CallSlot(context, pool: null, new UserTally(context.Recording));
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
        var tally = user.Tally!;

        // A user is out from its first request to its last: it awaits each in turn, so counting the user rather than
        // every request tells the engine the same, and spares two interlocked operations per request on the hot path.
        _context.HandedOut();
        try
        {
            var now = Stopwatch.GetTimestamp();
            while (!cancellationToken.IsCancellationRequested)
            {
                if (now >= _end)
                {
                    return;
                }

                var warmup = recording.IsWarmup(now);
                tally.OfferedAndSent(now, warmup);
                user.Prepare(Interlocked.Increment(ref _nextSeq), now, warmup);
                var request = user.RunAsync();
                if (!request.IsCompleted)
                {
                    // What is tallied goes in before the user waits: the sampler must not find an interval short.
                    tally.Flush();
                    await request;
                }

                if (_think > TimeSpan.Zero)
                {
                    tally.Flush();
                    await Task.Delay(_think, cancellationToken);
                    now = Stopwatch.GetTimestamp();
                }
                else
                {
                    now = user.Done;
                }
            }
        }
        finally
        {
            tally.Flush();
            _context.Settled();
        }
    }
}
