using ArchLab.Contracts.Workflow;
using ArchLab.Simulation.Engine;

namespace ArchLab.Simulation.Queueing;

/// <summary>Where a station's service times come from: the uniforms of the body and those of the slow tail.</summary>
public sealed record ServiceDraws(IUniformSource Body, IUniformSource Tail)
{
    /// <summary>One stream of the simulator's own for both.</summary>
    public static ServiceDraws Of(RandomStream stream) => new(stream, stream);

    /// <summary>
    /// The two sequences a service with <paramref name="seed"/> draws from (<see cref="ServiceTimeSampler"/>).
    /// Common random numbers: a measured and a simulated arm then differ by what they do, not by the luck of
    /// their draws, which at a few hundred orders moves a p99 by more than most mechanisms do.
    /// </summary>
    public static ServiceDraws AsService(int seed) =>
        new(new SystemRandomSource(seed), new SystemRandomSource(DrawSeeds.Tail(seed)));
}
