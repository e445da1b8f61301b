namespace ArchLab.Contracts.Hosting;

/// <summary>What the <c>inproc</c> edge needs beyond a role's options: the step roles it runs in its own process, and how it answers.</summary>
public sealed record InProcOptions
{
    /// <summary>The channel capacity of each step when none is given.</summary>
    public const int DefaultQueue = 10_000;

    /// <summary>
    /// The options of each step role, in the order the work flows; each runs with its own step runner, ledger, cost and
    /// seed, as it would in a process of its own. Default: none (the harness fills it from its role list).
    /// </summary>
    public IReadOnlyList<ServiceOptions> Steps { get; init; } = [];

    /// <summary>
    /// True: the edge answers when the last step's effect is written (the synchronous chain through the channels);
    /// false: once the order is in the first step's channel, as JetStream answers on the publish ack. Default: false.
    /// </summary>
    public bool AnswerOnCompletion { get; init; }

    /// <summary>Orders each step's channel holds at most; a full first channel is an answered error (503), never a silent drop. Default: 10000.</summary>
    public int Queue { get; init; } = DefaultQueue;
}
