using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Agents;

/// <summary>
/// How a coordinator has a load agent run roles of an arm on the agent's host (<c>run --place role=agent</c>). Every
/// operation is a request on the agent's <see cref="RequestsOf"/>; the agent's events of a run (a role's process exited,
/// each role's effects so far every <see cref="Beat"/>) come on <see cref="EventsOf"/>. Messages are JSON, as the
/// load's (<see cref="AgentProtocol"/>).
/// </summary>
public static class RoleProtocol
{
    public static readonly TimeSpan Beat = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a start may take: the role's own ready timeout, and a margin for the request itself.</summary>
    public static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(45);

    /// <summary>How long any other operation may take (a stop waits out the role's grace).</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(20);

    public static string RequestsOf(string agent) => $"archlab.agents.{agent}.roles";

    public static string EventsOf(string run) => $"archlab.agents.run.{run}.roles";

    /// <summary>The coordinator of a run that placed roles says it is alive every <see cref="Beat"/>; its run's id is the subject's fourth token.</summary>
    public static string AliveOf(string run) => $"archlab.agents.run.{run}.alive";

    public const string AliveOfAll = "archlab.agents.run.*.alive";

    /// <summary>A coordinator not heard from for this long died or lost its connection: an agent stops the roles it placed.</summary>
    public static readonly TimeSpan Orphaned = TimeSpan.FromSeconds(10);

    /// <summary>The object store's folder of one arm's placed role files.</summary>
    public static string FilesOf(string run, string arm, string role) => $"{run}/roles/{arm}/{role}/";
}

public enum RoleOp
{
    /// <summary>Start an incarnation of the role (<see cref="RoleRequest.Options"/>), and answer when it is ready.</summary>
    Start,

    /// <summary>Send the role's process <see cref="RoleRequest.Signal"/>.</summary>
    Signal,

    /// <summary>Stop the role's process (SIGTERM, SIGKILL after a grace).</summary>
    Stop,

    /// <summary>The arm is over: put the role's ledger and log in the object store and forget the role.</summary>
    Collect,
}

/// <param name="Options">For <see cref="RoleOp.Start"/>: the role's service options as its options file has them.</param>
public sealed record RoleRequest(RoleOp Op, string Run, string Arm, string Role, string? Options = null, Signal? Signal = null);

/// <summary>The answer to a <see cref="RoleRequest"/>; <see cref="Problem"/> says why it was not done.</summary>
/// <param name="Sent">For <see cref="RoleOp.Signal"/>: false when the process was gone.</param>
/// <param name="Files">For <see cref="RoleOp.Collect"/>: what it put under <see cref="RoleProtocol.FilesOf"/>.</param>
/// <param name="Wall">For <see cref="RoleOp.Collect"/>: the agent's wall clock at <see cref="Ticks"/> of its monotonic clock, which its ledger's times are on.</param>
public sealed record RoleReply(
    string? Problem, int Pid = 0, string? Host = null, int Port = 0, bool Sent = false,
    IReadOnlyList<string>? Files = null, DateTimeOffset Wall = default, long Ticks = 0, long Frequency = 0);

/// <summary>A placed role's news: its process <paramref name="Pid"/> exited, or its ledger holds <paramref name="Effects"/> effects.</summary>
public sealed record RoleEvent(string Arm, string Role, int Pid, bool Exited, long Effects);
