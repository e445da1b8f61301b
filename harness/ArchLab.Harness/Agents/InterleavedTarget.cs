using ArchLab.Load.Targets;

namespace ArchLab.Harness.Agents;

/// <summary>
/// Agent <c>index</c> of <c>count</c>: its engine's request n is the run's order n x count + index, so the agents'
/// orders never collide, and together they number the run's orders with few gaps.
/// </summary>
public sealed class InterleavedTarget(ILoadTarget inner, int index, int count) : ILoadTarget
{
    public ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken) =>
        inner.SendAsync(AgentMerge.GlobalSeq(seq, index, count), cancellationToken);
}
