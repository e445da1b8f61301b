namespace ArchLab.Simulation.Engine;

/// <summary>Uniform draws in [0, 1): one of the simulator's own streams, or the sequence a service draws from.</summary>
public interface IUniformSource
{
    double NextDouble();
}

/// <summary>
/// <see cref="System.Random"/> of a seed: the generator the services and the load engine draw from, so that a
/// simulated arm can take the very arrival times and service times of its measured twin.
/// </summary>
public sealed class SystemRandomSource(int seed) : IUniformSource
{
    private readonly Random _random = new(seed);

    public double NextDouble() => _random.NextDouble();
}
