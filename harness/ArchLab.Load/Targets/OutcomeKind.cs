namespace ArchLab.Load.Targets;

/// <summary>How one request ended, as the caller saw it.</summary>
public enum OutcomeKind : byte
{
    /// <summary>A success answer (2xx for HTTP).</summary>
    Accepted,

    /// <summary>Answered with a non-success status, carried in <see cref="CallOutcome.StatusCode"/>.</summary>
    Rejected,

    /// <summary>No answer before the engine's timeout.</summary>
    Timeout,

    /// <summary>The target refused the connection (nobody listening).</summary>
    Refused,

    /// <summary>Anything else: reset, closed mid-answer, unreadable answer.</summary>
    Failed,

    /// <summary>Never sent: the generator gave up waiting for an in-flight slot. Set by the engine only;
    /// a target that returns it is counted as <see cref="Failed"/>.</summary>
    Dropped,
}
