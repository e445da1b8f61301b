using ArchLab.Simulation.Engine;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Tests.Stations;

/// <summary>
/// A worker that stays busy after its job is served (a consumer publishing the next event and acknowledging): the job
/// goes on at once, the next waits for the worker, and a saturated step serves one job per service plus hold.
/// </summary>
public sealed class StationHoldTests
{
    private sealed class Jobs : IStationClient
    {
        public List<(int Job, double At)> Served { get; } = [];

        public Simulator Sim { get; } = new();

        public void Dropped(Station station, int job)
        {
        }

        public bool Wanted(Station station, int job) => true;

        void IStationClient.Served(Station station, int job) => Served.Add((job, Sim.Now));
    }

    private static (Jobs Jobs, Station Station) Saturated(double hold, int servers = 1)
    {
        var jobs = new Jobs();
        var station = new Station(jobs.Sim, "payment", servers, ServiceSampler.Fixed(0.013), ServiceDraws.AsService(1), jobs) { Hold = hold };
        for (var job = 0; job < 100; job++)
        {
            station.Admit(job);
        }

        return (jobs, station);
    }

    [Fact]
    public void A_saturated_worker_serves_one_job_per_service_and_hold_and_each_job_goes_on_at_its_service_end()
    {
        var (jobs, _) = Saturated(hold: 0.0015);

        jobs.Sim.RunUntil(1);

        // 13 ms of service and 1.5 ms held: 68.97 jobs a second, where 13 ms alone would serve 76.9.
        Assert.Equal(69, jobs.Served.Count);
        Assert.Equal(0.013, jobs.Served[0].At, 9);
        Assert.Equal(0.013 + 0.0145, jobs.Served[1].At, 9);
        var (plain, _) = Saturated(hold: 0);
        plain.Sim.RunUntil(1);
        Assert.Equal(76, plain.Served.Count);
    }

    [Fact]
    public void A_killed_worker_holds_nothing_and_a_paused_one_keeps_what_it_still_holds()
    {
        var (jobs, station) = Saturated(hold: 0.010, servers: 2);
        jobs.Sim.RunUntil(0.015); // both served their first at 13 ms and hold until 23 ms
        station.Kill(dropQueue: false);
        station.Resume();
        jobs.Sim.RunUntil(0.0155);
        Assert.Equal(2, station.Busy); // started again at once, not at 23 ms

        var (paused, held) = Saturated(hold: 0.010);
        paused.Sim.RunUntil(0.015);
        held.Pause();
        paused.Sim.RunUntil(1);
        held.Resume(); // 8 ms of hold left
        paused.Sim.RunUntil(1.008 + 0.013 - 1e-9);
        Assert.Single(paused.Served);
        paused.Sim.RunUntil(1.008 + 0.013 + 1e-9);
        Assert.Equal(2, paused.Served.Count);
    }
}
