using ArchLab.Contracts.Workflow;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// The steps of the place-order workflow after the edge, as the simulator numbers them: 0 inventory, 1 payment,
/// 2.. the notify receivers (<c>notify.1</c>..<c>notify.N</c>). An order is complete when every step's effect happened.
/// </summary>
public sealed class Stages(int receivers)
{
    public int Receivers { get; } = receivers >= 1 ? receivers : throw new SimulationException($"receivers must be at least 1, not {receivers}");

    /// <summary>Steps with an effect: inventory, payment and each receiver.</summary>
    public int Count => 2 + Receivers;

    /// <summary>The first receiver's step index.</summary>
    public const int FirstReceiver = 2;

    public string Name(int step) => step switch
    {
        0 => Roles.Inventory,
        1 => Roles.Payment,
        _ => Receivers == 1 ? Roles.Notify : $"{Roles.Notify}.{step - 1}",
    };

    /// <summary>The role whose cost model a step uses.</summary>
    public static string Role(int step) => step switch
    {
        0 => Roles.Inventory,
        1 => Roles.Payment,
        _ => Roles.Notify,
    };

    /// <summary>Whether a fault's target names this step: <c>notify</c> names every receiver, <c>notify.2</c> one.</summary>
    public bool Targets(string target, int step) =>
        target == Name(step) || target == Role(step) || (step >= FirstReceiver && target == $"{Roles.Notify}.{step - 1}");
}
