using ArchLab.Simulation.Calibration;

namespace ArchLab.Simulation;

/// <summary>How to simulate a scenario beyond what its file says.</summary>
public sealed record SimulationOptions
{
    /// <summary>Multiplies offered rates, closed-model users, the in-flight bound and every step's workers. Default: 1.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>
    /// A measured run's service times and restart delays, by arm name: an arm found there is simulated with its own
    /// measured figures in place of the scenario's. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, ArmCalibration> Calibration { get; init; } = new Dictionary<string, ArmCalibration>();

    /// <summary>Where the calibration came from, for the results' notes; null without calibration.</summary>
    public string? CalibrationSource { get; init; }

    /// <summary>Receivers of the notify step (fan-out N) for every arm; null: each arm's own (its sweep value, else the workflow's). Default: null.</summary>
    public int? Receivers { get; init; }

    /// <summary>Synchronous styles: whether the edge calls the N receivers at once; null: each arm's <c>fanOut</c>. Default: null.</summary>
    public bool? ParallelFanOut { get; init; }

    /// <summary>
    /// Seconds a killed role takes to serve again once restarted (process start, connections, JIT); the real
    /// harness measures about half a second on a laptop, more on a busy machine: a calibration's own figure wins. Default: 0.5.
    /// </summary>
    public double RestartSeconds { get; init; } = 0.5;

    /// <summary>Suffix of every arm's name, e.g. <c>~sim</c> when simulated arms sit beside measured ones. Default: none.</summary>
    public string ArmSuffix { get; init; } = "";
}
