namespace ArchLab.Harness.Model.Semantics;

/// <summary>Where one measured order ends. The first six are the classes of an accepted order; the rest are of one the caller did not see accepted.</summary>
public enum DeliveryClass : byte
{
    /// <summary>Not counted: outside the measured window, or never sent.</summary>
    NotCounted,

    Ok,
    Duplicated,
    DeadLettered,
    Expired,
    Pending,
    Lost,

    /// <summary>The caller saw it fail, yet it completed.</summary>
    Recovered,

    /// <summary>The caller saw it fail and some of its steps ran: the inconsistency a synchronous chain leaves behind.</summary>
    PartialEffects,

    /// <summary>The caller saw it fail and nothing of it ran.</summary>
    Failed,
}
