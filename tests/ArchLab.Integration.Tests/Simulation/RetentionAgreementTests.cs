using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;
using ArchLab.Simulation;
using ArchLab.Simulation.Calibration;

namespace ArchLab.Integration.Tests.Simulation;

/// <summary>
/// The simulator against the real thing: retention's quick profile run with real processes, then simulated with
/// the service times and restart delays that run's own ledgers measured. Lost (core NATS), expired (JetStream with
/// a 1 s TTL) and drain time (JetStream) must agree within 10%. Drain time is the recovery figure of both results,
/// computed by the same code from per-second backlogs, so it agrees to the second or not at all.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class RetentionAgreementTests
{
    [Fact]
    public async Task A_measured_quick_run_and_its_simulation_agree_on_lost_expired_and_drain()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ScenariosFolder(), "retention.yaml"), new ScenarioOverrides(Profile: "quick"));
        using var folder = new TempFolder("retention-sim");
        var measured = await folder.RunAsync(scenario);
        var calibration = LedgerCalibration.FromRun(folder.Path);

        var simulated = ScenarioSimulator.Run(scenario, new SimulationOptions { Calibration = calibration.Arms }).Results;

        var context = $"calibration {calibration.Describe()}";
        foreach (var (arm, figure) in new[] { ("nats-core", "lost"), ("jetstream-ttl", "expired"), ("jetstream", "drainSec") })
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{arm} {figure}: measured {Figure(Arm(measured, arm), figure)}, simulated {Figure(Arm(simulated, arm), figure)}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(context);
        AssertAgree(Arm(measured, "nats-core").Delivery!.Lost, Arm(simulated, "nats-core").Delivery!.Lost, "nats-core lost", context);
        AssertAgree(Arm(measured, "jetstream-ttl").Delivery!.Expired, Arm(simulated, "jetstream-ttl").Delivery!.Expired, "jetstream-ttl expired", context);
        AssertAgree(Arm(measured, "jetstream").Recovery.DrainSec, Arm(simulated, "jetstream").Recovery.DrainSec, "jetstream drainSec", context);
    }

    private static double? Figure(ArmResult arm, string figure) => figure switch
    {
        "lost" => arm.Delivery?.Lost,
        "expired" => arm.Delivery?.Expired,
        _ => arm.Recovery.DrainSec,
    };

    private static ArmResult Arm(RunResults results, string name) => results.Arms.Single(a => a.Name == name);

    private static void AssertAgree(double? measured, double? simulated, string what, string context)
    {
        Assert.True(measured is not null && simulated is not null, $"{what}: measured {measured}, simulated {simulated}");
        var tolerance = 0.10 * Math.Abs(measured!.Value);
        Assert.True(Math.Abs(simulated!.Value - measured.Value) <= tolerance,
            $"{what}: measured {measured}, simulated {simulated} (10% is {tolerance:0.##}); {context}");
    }

    private static string ScenariosFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios");
            if (File.Exists(Path.Combine(candidate, "retention.yaml")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no scenarios/ folder above " + AppContext.BaseDirectory);
    }
}
