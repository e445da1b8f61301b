using ArchLab.Load;
using ArchLab.Load.Engine;

namespace ArchLab.Unit.Tests.Load;

public class CoordinatedOmissionTests
{
    [Fact]
    public async Task A_stall_shows_in_the_corrected_p99_and_hides_in_the_uncorrected_one()
    {
        // 1,000 req/s through one slot, like wrk2 with one connection; request 1,500 (1 s into the measured
        // window) stalls for 1 s, and the ~1,000 requests due meanwhile queue behind it.
        var options = new LoadOptions
        {
            RatePerSec = 1000,
            Warmup = TimeSpan.FromSeconds(0.5),
            Duration = TimeSpan.FromSeconds(3),
            MaxInFlight = 1,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var report = await new LoadEngine(options, new StallingTarget(1500, TimeSpan.FromSeconds(1)))
            .RunAsync(null, TestContext.Current.CancellationToken);

        var corrected = report.Accept!;
        var uncorrected = report.AcceptUncorrected!;
        Assert.Equal(3000, report.Counts.Offered);
        Assert.Equal(3000, report.Counts.Accepted);
        Assert.InRange(corrected.P99, 300, 2000);      // hundreds of ms: the stall is there
        Assert.InRange(uncorrected.P99, 0, 100);       // a few ms at most: measured from the late send, it hides
        Assert.InRange(uncorrected.Max, 900, 2000);    // only the stalled request itself saw it
        Assert.InRange(report.SendDelay!.P99, 300, 2000); // the wait for the slot is the generator's queue
    }
}
