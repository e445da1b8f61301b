using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>
/// A crash after the effect, as the services do it: the first effect after the fault starts ends the step's process
/// before it answers or acks; the supervisor starts it again after the restart delay. A broker delivers the message
/// again (a naive consumer writes its effect twice, an idempotent one once); a caller with retries tries again.
/// </summary>
public sealed class CrashAfterEffectTests
{
    // The crash alone: no other fault that could redeliver or fail a call.
    private const string Yaml = """
        name: crash
        title: a crash after the effect
        claim: the redelivery duplicates a naive consumer's effect
        watch: duplicated
        seed: 13
        workflow:
          steps:
            inventory: { time: exp(1ms), workers: 16 }
            payment:   { time: fixed(5ms), workers: 16 }
            notify:    { time: exp(1ms), workers: 16 }
        arms:
          jetstream-naive:      { style: jetstream, ackWait: 1s, idempotent: false }
          jetstream-idempotent: { style: jetstream, ackWait: 1s, idempotent: true }
          rest-retry-key:       { style: rest, timeout: 10s, attemptTimeout: 500ms, retry: { attempts: 4, backoff: constant, base: 50ms, jitter: false }, idempotencyKey: true }
          rest:                 { style: rest, timeout: 10s }
        load: { model: open, rate: 100/s, duration: 4s, warmup: 500ms, drain: 15s }
        faults:
          - { at: 1s, for: 1s, step: payment, crash: after-effect }
        """;

    [Fact]
    public void The_redelivery_duplicates_a_naive_consumer_s_effect_and_not_an_idempotent_one_s()
    {
        var run = Simulate();

        var naive = Arm(run.Results, "jetstream-naive");
        var idempotent = Arm(run.Results, "jetstream-idempotent");
        Assert.Equal(1, naive.Delivery!.Duplicated); // the one message whose effect preceded the crash
        Assert.Equal(0, idempotent.Delivery!.Duplicated);
        Assert.Equal(0, naive.Delivery.Lost);

        // One crash per arm, of payment, lasting the restart delay, as the measured run's supervisor reports it.
        var crash = Assert.Single(naive.Faults, f => f.Kind == "crash");
        Assert.Equal("payment", crash.Target);
        Assert.Equal(0.5, crash.EndSec!.Value - crash.StartSec, precision: 6);
        Assert.DoesNotContain(naive.Notes, n => n.Contains("crash after the effect", StringComparison.Ordinal));
    }

    [Fact]
    public void A_caller_with_retries_outlasts_the_restart_and_one_without_them_sees_the_crash()
    {
        // The service host (compiled ahead of time) serves again about 0.1 s after it died; the harness's own view of
        // the window is longer, since it polls for readiness. Four attempts 50 ms apart outlast that; none do 0.5 s.
        var run = Simulate(restartSeconds: 0.1);

        var retried = Arm(run.Results, "rest-retry-key");
        Assert.Contains(retried.Faults, f => f.Kind == "crash" && f.Target == "payment");
        Assert.Equal(0, retried.Counts.Errors);
        Assert.Equal(0, retried.Delivery!.Duplicated); // the key makes the retried attempt a no-op where it was done

        var plain = Arm(run.Results, "rest");
        Assert.True(plain.Counts.Errors > 0, "the crashed call and those refused while payment restarts fail");
        Assert.True(Arm(Simulate(restartSeconds: 0.5).Results, "rest-retry-key").Counts.Errors > 0, "a restart longer than the retries' reach fails calls");
    }

    private static SimulatedRun Simulate(double restartSeconds = 0.5) =>
        ScenarioSimulator.Run(ScenarioLoader.Parse(Yaml, "crash.yaml"), new SimulationOptions { RestartSeconds = restartSeconds });

    private static ArmResult Arm(RunResults results, string name) => Assert.Single(results.Arms, a => a.Name == name);
}
