namespace ArchLab.Harness.Model.Scenarios;

/// <summary>
/// One entry of the fault timeline. <see cref="At"/> is relative to the start of the measured window;
/// <see cref="For"/> is the length of the window (null: until the end of the run).
/// </summary>
public abstract record FaultSpec(TimeSpan At, TimeSpan? For)
{
    /// <summary>The family word used in results and charts: <c>kill</c>, <c>pause</c>, <c>burst</c>...</summary>
    public abstract string Kind { get; }

    /// <summary>What the fault acts on: a role, <c>broker</c>, a step, a link, or <c>load</c>.</summary>
    public abstract string Target { get; }
}

/// <summary>What a process fault does to its target.</summary>
public enum ProcessAction
{
    /// <summary>SIGKILL at the start; restarted when the window ends unless <c>restart: false</c>.</summary>
    Kill,

    /// <summary>SIGTERM (graceful stop) at the start; restarted when the window ends unless <c>restart: false</c>.</summary>
    Stop,

    /// <summary>SIGSTOP at the start, SIGCONT at the end.</summary>
    Pause,
}

/// <summary><c>{ at: 4s, for: 4s, kill: payment }</c>; the target is a role or <c>broker</c>.</summary>
public sealed record ProcessFault(TimeSpan At, TimeSpan? For, ProcessAction Action, string Process, bool Restart = true)
    : FaultSpec(At, For)
{
    public override string Kind => Action.ToString().ToLowerInvariant();

    public override string Target => Process;
}

/// <summary>
/// <c>{ at: 9s, for: 3s, partition: broker.leader }</c>: every route of one broker node cut for the window, the node
/// running on alone (a network partition); only for an arm whose broker is a cluster.
/// </summary>
public sealed record PartitionFault(TimeSpan At, TimeSpan? For, string Node) : FaultSpec(At, For)
{
    public override string Kind => "partition";

    public override string Target => Node;
}

/// <summary>
/// <c>{ at: 5s, for: 3s, power-loss: broker }</c>: the power of a broker node goes. Its store lives on the lazy
/// filesystem; the node is killed, and every file of its store goes back to what was durable (fsynced, or older than
/// the arm's write-back age); the node starts again when the window ends. The target is <c>broker</c>, a node
/// (<c>broker.N</c>, <c>broker.leader</c>) or <c>broker.all</c>, every node at once.
/// </summary>
public sealed record PowerLossFault(TimeSpan At, TimeSpan? For, string Node) : FaultSpec(At, For)
{
    public override string Kind => "power-loss";

    public override string Target => Node;
}

/// <summary>How a scenario names the nodes of a broker cluster: <c>broker.1</c> .. <c>broker.N</c>, and <c>broker.leader</c>.</summary>
public static class BrokerNodes
{
    public const string Leader = "broker.leader";

    /// <summary>Every node of the broker at once (a power loss of the whole site).</summary>
    public const string All = "broker.all";

    /// <summary>The 0-based index of <c>broker.N</c> (N from 1); null for anything else, <c>broker.leader</c> included.</summary>
    public static int? IndexOf(string name) =>
        name.StartsWith("broker.", StringComparison.Ordinal) && int.TryParse(name.AsSpan("broker.".Length), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 9 && name == $"broker.{n}"
            ? n - 1
            : null;

    /// <summary>Whether a fault target is a node of a cluster (<c>broker.N</c> or <c>broker.leader</c>).</summary>
    public static bool IsNode(string target) => target == Leader || IndexOf(target) is not null;
}

/// <summary><c>{ at: 4s, for: 3s, burst: 3x }</c>: the offered rate times <see cref="Factor"/> for the window.</summary>
public sealed record BurstFault(TimeSpan At, TimeSpan? For, double Factor) : FaultSpec(At, For)
{
    public override string Kind => "burst";

    public override string Target => "load";
}

/// <summary>
/// <c>{ at: 0s, step: payment, errorRate: 20%, slowdown: 3x, poison: [7, 13], crash: after-effect }</c>:
/// application faults of one step while the window lasts.
/// </summary>
/// <param name="ErrorRate">Fraction of executions that fail transiently, 0..1.</param>
/// <param name="Slowdown">Service time multiplied by this factor; 1 means unchanged.</param>
/// <param name="PoisonIds">Sequence numbers of orders that always fail at this step.</param>
/// <param name="CrashAfterEffect">Whether the process exits after writing its effect and before acknowledging, once.</param>
public sealed record StepFault(
    TimeSpan At,
    TimeSpan? For,
    string Step,
    double ErrorRate = 0,
    double Slowdown = 1,
    IReadOnlyList<long>? PoisonIds = null,
    bool CrashAfterEffect = false) : FaultSpec(At, For)
{
    public override string Kind => "step";

    public override string Target => Step;
}

/// <summary>Which way a network toxic acts on a proxied link.</summary>
public enum ToxicDirection
{
    /// <summary>Client to server.</summary>
    Upstream,

    /// <summary>Server to client.</summary>
    Downstream,
}

/// <summary>
/// <c>{ at: 5s, for: 3s, link: edge->payment, latency: 100ms, jitter: 10ms, direction: downstream, toxicity: 50% }</c>:
/// a toxic on a link routed through the TCP fault proxy.
/// </summary>
/// <param name="Link">The link, <c>from->to</c>: <c>caller</c>, a role, or <c>broker</c>.</param>
/// <param name="Toxic">One of latency, bandwidth, timeout, reset_peer, slicer, limit_data, down.</param>
/// <param name="Attributes">The toxic's attributes, in Toxiproxy units (ms, KB/s, bytes).</param>
/// <param name="Toxicity">Probability that the toxic applies to a connection, 0..1.</param>
public sealed record NetworkFault(
    TimeSpan At,
    TimeSpan? For,
    string Link,
    string Toxic,
    IReadOnlyDictionary<string, long> Attributes,
    ToxicDirection Direction = ToxicDirection.Downstream,
    double Toxicity = 1) : FaultSpec(At, For)
{
    public override string Kind => Toxic;

    public override string Target => Link;
}
