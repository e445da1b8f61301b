namespace ArchLab.Unit.Tests;

/// <summary>
/// Tests that measure time on real sockets and clocks (toxics' latency, the engine's schedule) run alone, after the
/// others: on two cores, chart drawing or another test beside them stretches what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Timing
{
    public const string Name = "timing";
}
