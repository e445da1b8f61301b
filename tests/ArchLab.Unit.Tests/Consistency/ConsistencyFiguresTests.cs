using System.Diagnostics;
using ArchLab.Harness.Consistency;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Unit.Tests.Consistency;

/// <summary>How read-backs, the caller's log and the read model's ledger become an arm's consistency figures.</summary>
public class ConsistencyFiguresTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    [Fact]
    public void Stale_reads_are_shared_over_the_answered_reads_of_the_measured_window_and_the_lag_runs_from_each_answer()
    {
        CallRecord[] calls =
        [
            Call(0, doneMs: 10, warmup: true),
            Call(1, doneMs: 100),
            Call(2, doneMs: 200),
            Call(3, doneMs: 300),
            Call(4, doneMs: 400),
            Call(5, doneMs: 500) with { Kind = OutcomeKind.Rejected },
        ];
        ReadBack[] reads =
        [
            Read(0, ReadState.Accepted), // warm-up: not judged
            Read(1, ReadState.Completed),
            Read(2, ReadState.Accepted),
            Read(3, ReadState.Unknown),
            Read(4, ReadState.Failed),
        ];
        var shown = new Dictionary<long, long> { [1] = 90 * Ms, [2] = 230 * Ms, [3] = 350 * Ms };

        var figures = ConsistencyFigures.Of(TimeSpan.FromMilliseconds(10), reads, calls, shown);

        Assert.Equal((10.0, 3L, 2L, 1L), (figures.ReadAfterMs, figures.Reads, figures.StaleReads, figures.FailedReads));
        Assert.Equal(0.6667, figures.StaleShare);
        // Order 1 showed done before its answer (read-your-writes: 0), 2 after 30 ms, 3 after 50; 4 never.
        Assert.Equal((3L, 1L), (figures.WindowMs!.Count, figures.NeverShown));
        Assert.Equal(50.0, figures.WindowMs.Max, 0.1);
        Assert.Equal(30.0, figures.WindowMs.P50, 0.1);
    }

    [Fact]
    public void Without_a_read_that_got_an_answer_there_is_no_share_rather_than_a_share_of_zero()
    {
        var figures = ConsistencyFigures.Of(TimeSpan.FromMilliseconds(5), [Read(1, ReadState.Failed)], [Call(1, doneMs: 1)], new Dictionary<long, long>());

        Assert.Equal(((double?)null, (Harness.Model.Results.LatencySummary?)null, 1L), (figures.StaleShare, figures.WindowMs, figures.NeverShown));
    }

    private static CallRecord Call(long seq, long doneMs, bool warmup = false) =>
        new(seq, (doneMs - 1) * Ms, (doneMs - 1) * Ms, doneMs * Ms, OutcomeKind.Accepted, 202, warmup);

    private static ReadBack Read(long seq, ReadState state) => new(seq, 0, 0, state);
}
