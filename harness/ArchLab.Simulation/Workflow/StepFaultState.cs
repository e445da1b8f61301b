namespace ArchLab.Simulation.Workflow;

/// <summary>The application faults a step is under right now (a step fault's window).</summary>
internal sealed class StepFaultState
{
    public double ErrorRate;
    public HashSet<long> Poison = [];
}
