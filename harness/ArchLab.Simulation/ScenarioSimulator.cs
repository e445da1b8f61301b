using System.Runtime.InteropServices;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Simulation.Queueing;
using ArchLab.Simulation.Workflow;
using HdrHistogram;

namespace ArchLab.Simulation;

/// <summary>The latency histograms of one simulated arm, in microseconds, for its <c>.hlog</c> files.</summary>
public sealed record ArmHistograms(string Arm, HistogramBase Accept, HistogramBase Completion);

/// <summary>A simulated run: its results (expectations not yet evaluated), histograms, and Little's law at every node.</summary>
public sealed record SimulatedRun(RunResults Results, IReadOnlyList<ArmHistograms> Histograms, IReadOnlyList<LittleLaw> Nodes, long Events);

/// <summary>
/// Simulates every arm of a scenario, each in its own virtual time with its own random streams, and returns the same
/// results model the harness writes. Deterministic: the same scenario, options and seed give equal results.
/// </summary>
public static class ScenarioSimulator
{
    /// <summary>The styles the simulator models.</summary>
    public static IReadOnlyList<string> Styles { get; } =
        [Contracts.Workflow.Styles.Rest, Contracts.Workflow.Styles.Grpc, Contracts.Workflow.Styles.NatsRequest, Contracts.Workflow.Styles.NatsCore, Contracts.Workflow.Styles.JetStream, Contracts.Workflow.Styles.InProc, Contracts.Workflow.Styles.RabbitMq];

    /// <summary>
    /// The start time of every simulated run: a fixed instant rather than the wall clock, so that the same seed gives
    /// the same bytes. The run folder's name carries the real time.
    /// </summary>
    public static DateTimeOffset StartedUtc { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SimulatedRun Run(Scenario scenario, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Scale > 0))
        {
            throw new SimulationException($"scale must be a positive number, not {options.Scale}");
        }

        SimulationBudget.Check(scenario, options.Scale);

        var arms = new List<ArmResult>();
        var histograms = new List<ArmHistograms>();
        var nodes = new List<LittleLaw>();
        long events = 0;
        foreach (var arm in scenario.RunArms())
        {
            var model = Model(scenario, arm, options);
            var drain = model.Run();
            var name = arm.Name + options.ArmSuffix;
            var receivers = options.Receivers ?? scenario.ReceiversOf(arm);
            var result = model.Result(name, drain) with
            {
                // No processes ran: there is no edge CPU to measure.
                FanOut = FanOutAnalysis.Analyse(scenario, arm with { Receivers = receivers }, model.Recorder.Accept, model.Completion, null, 0),
                Sweep = arm.Sweep is { } point ? new SweepValue(point.Arm, point.Parameter, point.Value) : null,
                Theory = Harness.Model.Queueing.StationTheory.For(scenario, arm, options.Scale),
            };
            if (options.Calibration.GetValueOrDefault(arm.Name) is { } calibration)
            {
                result = result with { Notes = [.. result.Notes, $"calibrated from {options.CalibrationSource}: {calibration.Describe()}"] };
            }

            arms.Add(result);
            histograms.Add(new ArmHistograms(name, model.Recorder.Accept, model.Completion));
            nodes.AddRange(model.Nodes().Select(n => n with { Node = $"{name}/{n.Node}" }));
            events += model.Sim.EventsProcessed;
        }

        var environment = new RunEnvironment(
            "simulator",
            1,
            $"simulated by ArchLab.Simulation (discrete events, scale {options.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}); no processes ran",
            RuntimeInformation.FrameworkDescription,
            null);
        var results = RunResults.Of(scenario, StartedUtc, environment, arms) with { Simulated = true };
        return new SimulatedRun(results, histograms, nodes, events);
    }

    private static ArmModel Model(Scenario scenario, ArmSpec arm, SimulationOptions options) => arm.Transport is not null
        ? throw new SimulationException($"arm {arm.Name}: a transport arm measures a real transport's floor and has no model here; the simulator runs workflow arms ({string.Join(", ", Styles)})")
        : arm.Style switch
    {
        Contracts.Workflow.Styles.Rest or Contracts.Workflow.Styles.Grpc or Contracts.Workflow.Styles.NatsRequest => new SyncChainArm(scenario, arm, options),
        Contracts.Workflow.Styles.JetStream or Contracts.Workflow.Styles.NatsCore => new BrokerChainArm(scenario, arm, options),
        Contracts.Workflow.Styles.RabbitMq => new QueueChainArm(scenario, arm, options),
        // In one process: waiting for the chain is a synchronous chain with no hop; answering on accept is a
        // chain of queues that keeps nothing, as core NATS. A process fault is not spread to every role here.
        Contracts.Workflow.Styles.InProc when arm.AnswersOnCompletion => new SyncChainArm(scenario, arm, options),
        Contracts.Workflow.Styles.InProc => new BrokerChainArm(scenario, arm, options),
        _ => throw new SimulationException(
            $"arm {arm.Name}: the simulator has no model of style '{arm.Style}'; it simulates {string.Join(", ", Styles)}"),
    };
}
