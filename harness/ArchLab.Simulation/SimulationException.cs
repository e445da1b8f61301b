namespace ArchLab.Simulation;

/// <summary>A scenario asks for something the simulator cannot model; the message says what and what it knows.</summary>
public sealed class SimulationException(string message) : Exception(message);
