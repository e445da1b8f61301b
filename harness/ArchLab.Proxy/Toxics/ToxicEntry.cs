namespace ArchLab.Proxy.Toxics;

/// <summary>A toxic as a proxy holds it: <see cref="Id"/> stays the same across updates, so that every connection keeps
/// its state (bytes counted, the toxicity draw) when only the attributes change.</summary>
internal sealed record ToxicEntry(long Id, ToxicOptions Toxic);

/// <summary>A toxic acting on one direction of one connection, with that direction's state for it.</summary>
internal readonly record struct ActiveToxic(ToxicOptions Toxic, ToxicState State);
