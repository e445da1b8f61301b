namespace ArchLab.Contracts.Workflow;

/// <summary>How a sender that calls each receiver itself (REST, gRPC, request-reply) reaches N of them.</summary>
public enum FanOutMode
{
    /// <summary>One after the other: the caller waits for the sum of their times.</summary>
    Sequential,

    /// <summary>All at once: the caller waits for the slowest of them.</summary>
    Parallel,
}
