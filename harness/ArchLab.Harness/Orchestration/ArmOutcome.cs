using ArchLab.Harness.Faults;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Load;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Load.Engine;

namespace ArchLab.Harness.Orchestration;

/// <summary>Everything one arm produced, before it is shaped into an <see cref="ArmResult"/>.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Load">The load engine's report.</param>
/// <param name="Check">The ledger check; null when the arm ran without a ledger.</param>
/// <param name="Drain">How the drain ended.</param>
/// <param name="Resources">CPU and peak memory per process.</param>
/// <param name="Backlog">Broker backlog per timeline interval since the measured start; null for arms without a broker.</param>
/// <param name="PeakBacklog">The largest backlog sampled; null without a broker.</param>
/// <param name="BrokerVersion">The broker's version, when the arm had one.</param>
/// <param name="Prime">What priming did before the load.</param>
public sealed record ArmOutcome(
    ArmSpec Arm,
    LoadReport Load,
    CheckResult? Check,
    DrainOutcome Drain,
    IReadOnlyList<ProcessResources> Resources,
    IReadOnlyList<long?>? Backlog,
    long? PeakBacklog,
    string? BrokerVersion,
    PrimeOutcome Prime)
{
    /// <summary>The load was stopped before its end (Ctrl-C): the figures are the caller's until then.</summary>
    public bool Interrupted { get; init; }

    /// <summary>The fault windows as they happened.</summary>
    public IReadOnlyList<FaultRecord> Faults { get; init; } = [];

    /// <summary>Roles that died on their own and were restarted, as windows of kind <c>crash</c>.</summary>
    public IReadOnlyList<FaultWindow> Incidents { get; init; } = [];

    /// <summary>Transport arms, NATS publish: what the sink received of the accepted publishes; null otherwise.</summary>
    public TransportArms.SinkReceipts? Receipts { get; init; }

    /// <summary>The broker's counters against the ledger, for arms with a stream.</summary>
    public ReconciliationResult? Reconciliation { get; init; }

    /// <summary>The fan-out to the receivers and what it cost.</summary>
    public FanOutFigures? FanOut { get; init; }

    /// <summary>What queueing theory predicts for the arm's completion latency, when it is one station.</summary>
    public QueueTheory? Theory { get; init; }

    /// <summary>Each costed step's service time, configured against what the ledger says it took; null without a ledger.</summary>
    public IReadOnlyList<StepServiceTime>? ServiceTimes { get; init; }

    /// <summary>What the arm ran and was configured with, read after priming; its failure classes are added from the check.</summary>
    public MovingParts? MovingParts { get; init; }

    /// <summary>CPU milliseconds the role processes spent per order sent in the measured window; null when a role restarted.</summary>
    public double? CpuMsPerOrder { get; init; }

    /// <summary>What the caller's read-backs found and how the read model lagged; null without a read side.</summary>
    public ArmConsistency? Consistency { get; init; }

    /// <summary>What the arm's traces show; null for an arm that does not trace.</summary>
    public ArmTracing? Tracing { get; init; }

    /// <summary>What the arm's browser pages saw; null for an arm without devices.</summary>
    public ArmDevices? Devices { get; init; }

    /// <summary>Each load agent's share, when agents drove the load.</summary>
    public IReadOnlyList<AgentFigures>? Agents { get; init; }

    /// <summary>The roles that ran on load agents' hosts; null when every role ran here.</summary>
    public IReadOnlyList<PlacedRole>? Placed { get; init; }
}
