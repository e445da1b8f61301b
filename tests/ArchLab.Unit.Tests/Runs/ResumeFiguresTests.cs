using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Unit.Tests.Runs;

/// <summary>How long after a fault window opened orders were accepted and completed again.</summary>
public sealed class ResumeFiguresTests
{
    private static readonly TimelineGrid Grid = new(0.5);

    [Fact]
    public void The_time_runs_from_the_window_s_start_to_the_first_interval_that_takes_orders_again()
    {
        // Half-second intervals: accepting stops at 2 s and resumes at 4 s; completing stops at 2 s and resumes at 5 s.
        long[] accepted = [10, 10, 10, 10, 0, 0, 0, 0, 10, 10, 10, 10];
        long?[] completed = [10, 10, 10, 10, 0, 0, 0, 0, 0, 0, 30, 10];
        var timeline = accepted.Select((a, i) => new TimelinePoint(i * 0.5, 10, a, completed[i], a == 0 ? 10 : 0, null, null)).ToList();

        var window = RecoveryAnalysis.WithResumes(new FaultWindow("kill", "broker.leader", 2.02, 4), timeline, Grid);

        Assert.Equal((1.98, 2.98), (window.AcceptResumeSec!.Value, window.CompleteResumeSec!.Value));
    }

    [Fact]
    public void A_window_that_stopped_nothing_reads_zero_and_one_that_never_ends_reads_null()
    {
        var steady = Enumerable.Range(0, 8).Select(i => new TimelinePoint(i * 0.5, 10, 10, 10, 0, null, null)).ToList();
        var stopped = Enumerable.Range(0, 8).Select(i => new TimelinePoint(i * 0.5, 10, i < 2 ? 10 : 0, null, 0, null, null)).ToList();

        var quiet = RecoveryAnalysis.WithResumes(new FaultWindow("pause", "notify", 1, 2), steady, Grid);
        var dead = RecoveryAnalysis.WithResumes(new FaultWindow("kill", "edge", 1, null), stopped, Grid);

        Assert.Equal((0.0, 0.0), (quiet.AcceptResumeSec!.Value, quiet.CompleteResumeSec!.Value));
        Assert.Null(dead.AcceptResumeSec);
        Assert.Null(dead.CompleteResumeSec); // no ledger: no completions to follow
    }

    [Fact]
    public void An_outage_that_begins_later_than_the_window_s_first_second_is_not_the_window_s()
    {
        long[] accepted = [10, 10, 10, 10, 10, 10, 0, 0, 10, 10];
        var timeline = accepted.Select((a, i) => new TimelinePoint(i * 0.5, 10, a, a, 0, null, null)).ToList();

        Assert.Equal(0, RecoveryAnalysis.WithResumes(new FaultWindow("pause", "notify", 1, 2), timeline, Grid).AcceptResumeSec);
    }
}
