using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Runs;

/// <summary>A short run of every style through the real orchestrator: the books add up and nothing is left running.</summary>
[Collection(ArmProcesses.Name)]
public sealed class EveryStyleRunTests
{
    public static TheoryData<string> AllStyles => [.. Styles.All];

    [Theory]
    [MemberData(nameof(AllStyles))]
    public async Task A_short_run_completes_everything_it_accepted_and_loses_nothing(string style)
    {
        using var folder = new TempFolder($"run-{style}");

        var results = await folder.RunAsync(SmallScenario.For(style));

        var arm = Assert.Single(results.Arms);
        Assert.True(arm.Counts.Accepted > 0, "nothing was accepted");
        Assert.Equal(arm.Counts.Offered, arm.Counts.Sent + arm.Counts.DroppedByGenerator);
        Assert.Equal(arm.Counts.Sent, arm.Counts.Accepted + arm.Counts.Errors);
        Assert.Equal(arm.Counts.Accepted, arm.Counts.Completed);
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.Equal(0, arm.Delivery.Duplicated);
        Assert.Equal(0, arm.Delivery.Unexpected);
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.NotNull(arm.LatencyMs.Completion);
        // inproc runs payment inside the edge's process: that process is the one measured.
        var paymentProcess = Styles.InOneProcess(style) ? Roles.Edge : Roles.Payment;
        Assert.Contains(arm.Resources, r => r.Process == paymentProcess && r.CpuSec > 0 && r.PeakRssMb > 0);

        // What was written is what was returned.
        var written = ResultsJson.Read(Path.Combine(folder.Path, "results.json"));
        Assert.Equal(arm.Counts, written.Arms[0].Counts);
        Assert.True(File.Exists(Path.Combine(folder.Path, $"{style}.accept.hlog")));
        Assert.True(File.Exists(Path.Combine(folder.Path, $"{style}.completion.hlog")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "scenario.yaml")));
    }

    [Fact]
    public async Task No_child_process_is_left_after_a_run()
    {
        using var folder = new TempFolder("orphans");

        await folder.RunAsync(SmallScenario.For(Styles.JetStream));

        // Every process of the run names the run's folder (its options file, its store): none may be left.
        Assert.DoesNotContain(ProcessTree.All(), p => p.Command.Contains(folder.Path, StringComparison.Ordinal));
    }
}
