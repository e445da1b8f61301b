using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;
using ArchLab.Simulation;
using ArchLab.Simulation.Calibration;

namespace ArchLab.Integration.Tests.Simulation;

/// <summary>
/// The simulator against the real thing: retention's quick profile run with real processes, then simulated with
/// the service times and restart delays that run's own ledgers measured. Lost (core NATS), expired (JetStream with
/// a 1 s TTL) and drain time (JetStream) must agree as <see cref="SimulationAgreement"/> judges every --with-sim run:
/// within 10%, or the floor where 10% means nothing (two timeline intervals for a drain time, 100 ms each in a quick
/// run, so 0.2 s against 0.1 s agrees), or what chance alone does with the run's few orders.
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
        var combined = measured with { Arms = [.. measured.Arms, .. simulated.Arms.Select(a => a with { Name = a.Name + "~sim" })] };
        var verdicts = SimulationAgreement.Compare(combined, scenario.Simulation);
        foreach (var (arm, figure) in new[] { ("nats-core", "lost"), ("jetstream-ttl", "expired"), ("jetstream", "drainSec") })
        {
            var verdict = verdicts.Single(v => v.Arm == arm && v.Figure == figure);
            Assert.True(verdict.Verdict == AgreementVerdict.Agree, $"{verdict}; {context}");
        }
    }

    private static double? Figure(ArmResult arm, string figure) => figure switch
    {
        "lost" => arm.Delivery?.Lost,
        "expired" => arm.Delivery?.Expired,
        _ => arm.Recovery.DrainSec,
    };

    private static ArmResult Arm(RunResults results, string name) => results.Arms.Single(a => a.Name == name);

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
