namespace ArchLab.Harness.Model.Results;

/// <summary>
/// One step's service time in one arm: what the scenario configured, what the step drew from that distribution
/// (times any slow-down in force), and what its executions really took, read back from the ledger (from the moment
/// an execution had a worker until its record was written). Measured against drawn is the lab's own error, free of
/// the sampling noise that measured against configured carries over a few hundred executions.
/// </summary>
/// <param name="Step">The role (every fan-out receiver counts as <c>notify</c>).</param>
/// <param name="Configured">The distribution as the scenario writes it, e.g. <c>exp(10ms)</c>, with its tail if any.</param>
/// <param name="Mode"><c>wait</c> or <c>cpu</c>.</param>
/// <param name="ConfiguredMeanMs">The distribution's mean, tail included.</param>
/// <param name="ConfiguredP50Ms">Its median.</param>
/// <param name="ConfiguredP99Ms">Its 99th percentile.</param>
/// <param name="DrawnMeanMs">The mean of the service times the executions asked for.</param>
/// <param name="DrawnP99Ms">Their 99th percentile.</param>
/// <param name="Measured">What the executions took.</param>
/// <param name="MeanDeviation">Measured mean / drawn mean - 1; null when nothing was drawn (a zero cost).</param>
/// <param name="P99Deviation">Measured p99 / drawn p99 - 1; null when the drawn p99 is zero.</param>
public sealed record StepServiceTime(
    string Step,
    string Configured,
    string Mode,
    double ConfiguredMeanMs,
    double ConfiguredP50Ms,
    double ConfiguredP99Ms,
    double DrawnMeanMs,
    double DrawnP99Ms,
    LatencySummary Measured,
    double? MeanDeviation,
    double? P99Deviation)
{
    /// <summary>A deviation past this is flagged in the reports.</summary>
    public const double FlagAbove = 0.05;

    /// <summary>A deviation past this is said in the arm's notes: the run did not keep the scenario's service times.</summary>
    public const double NoteAbove = 0.10;
}
