namespace ArchLab.Contracts.Workflow;

/// <summary>
/// The seeds of a role's random streams, from the role's seed: one stream per kind of draw, so that a draw of one
/// kind never shifts another's. The services draw from them and so does the simulator, which then takes the very
/// draws of the run it simulates (common random numbers).
/// </summary>
public static class DrawSeeds
{
    /// <summary>The slow tail's: whether an execution takes the tail's extra time.</summary>
    public static int Tail(int seed) => unchecked((seed * 16777619) + 1);

    /// <summary>A failing step's: whether an execution fails at the fault's error rate.</summary>
    public static int Failures(int seed) => unchecked((seed * 7919) + 104729);
}
