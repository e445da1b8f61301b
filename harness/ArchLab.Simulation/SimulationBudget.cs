using System.Globalization;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Simulation;

/// <summary>
/// What a simulation will cost before it starts. The simulator keeps every order of an arm (its intended time, its
/// effects, its fate) and the events in flight: about 750 bytes an order at its peak, measured on the retention
/// scenario's quick profile at --scale 100 and 1000 (188 and 446 MB of peak memory for 40,000 and 400,000 orders an
/// arm). Past <see cref="MaxOrdersPerArm"/> a run is refused with the estimate instead of filling the machine's memory
/// (--scale 1e9 ran out of it; --scale 10000 took 70 s and 5 GB).
/// </summary>
public static class SimulationBudget
{
    /// <summary>The most orders one arm may simulate: about 3 GB.</summary>
    public const double MaxOrdersPerArm = 4_000_000;

    /// <summary>Peak bytes per order of an arm, as measured (see the class).</summary>
    public const double BytesPerOrder = 750;

    /// <summary>The orders each arm will simulate (warm-up included); null for the closed model, whose count follows its answers.</summary>
    public static double? OrdersPerArm(Scenario scenario, double scale)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Load.Model == LoadModel.Open ? RateProfile.Of(scenario, scale).Total : null;
    }

    /// <summary>Throws <see cref="SimulationException"/> with the estimate when an arm would simulate more than it may.</summary>
    public static void Check(Scenario scenario, double scale)
    {
        if (OrdersPerArm(scenario, scale) is not { } orders || orders <= MaxOrdersPerArm)
        {
            return;
        }

        var gigabytes = orders * BytesPerOrder / 1e9;
        throw new SimulationException(string.Create(CultureInfo.InvariantCulture,
            $"at scale {scale:0.###} each arm of {scenario.Name} would simulate about {orders:N0} orders (about {gigabytes:0.#} GB of memory), past the limit of {MaxOrdersPerArm:N0} an arm (about {MaxOrdersPerArm * BytesPerOrder / 1e9:0} GB): lower --scale, the rate or the duration"));
    }
}
