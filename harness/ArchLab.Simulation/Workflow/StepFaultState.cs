namespace ArchLab.Simulation.Workflow;

/// <summary>The application faults a step is under right now (a step fault's window).</summary>
internal sealed class StepFaultState
{
    public double ErrorRate;
    public HashSet<long> Poison = [];

    /// <summary>A crash after the effect is armed: the step's next effect ends its process (once, as the service's switch does).</summary>
    public bool CrashArmed;
}
