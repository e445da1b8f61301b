using ArchLab.Proxy.Links;

namespace ArchLab.Proxy.Toxics;

/// <summary>
/// What one direction of one connection keeps for one toxic. Only that direction's writer plans and commits, so a state
/// needs no lock; it lives as long as the toxic stays on the proxy, across updates of its attributes.
/// </summary>
internal abstract class ToxicState
{
    /// <summary>Uniform in [0, 1), drawn once when the toxic meets the connection: it acts while Draw &lt; toxicity.</summary>
    public double Draw { get; set; }

    /// <summary>Adjusts the plan of the chunk at the head of the queue; may run several times for the same bytes.</summary>
    public abstract void Plan(ToxicOptions toxic, ref ChunkPlan plan);

    /// <summary>The planned bytes went out at <see cref="ChunkPlan.Now"/>: remember what the next plan depends on.</summary>
    public abstract void Commit(ToxicOptions toxic, ref ChunkPlan plan);

    /// <summary>The toxic starts (or, with new attributes, restarts) acting on the connection.</summary>
    public virtual void Activate(ToxicOptions toxic, Connection connection)
    {
    }

    /// <summary>The toxic stops acting on the connection: removed, or its toxicity lowered below the draw.</summary>
    public virtual void Deactivate()
    {
    }
}

/// <summary>A <see cref="ToxicState"/> for one type of toxic.</summary>
internal abstract class ToxicState<TToxic> : ToxicState where TToxic : ToxicOptions
{
    public sealed override void Plan(ToxicOptions toxic, ref ChunkPlan plan) => OnPlan((TToxic)toxic, ref plan);

    public sealed override void Commit(ToxicOptions toxic, ref ChunkPlan plan) => OnCommit((TToxic)toxic, ref plan);

    protected abstract void OnPlan(TToxic toxic, ref ChunkPlan plan);

    protected virtual void OnCommit(TToxic toxic, ref ChunkPlan plan)
    {
    }
}
