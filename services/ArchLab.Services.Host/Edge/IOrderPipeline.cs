using ArchLab.Contracts.Messages;

namespace ArchLab.Services.Host.Edge;

/// <summary>What the edge does with an accepted order: call the chain (synchronous styles) or publish it (messaging styles).</summary>
public interface IOrderPipeline
{
    /// <summary>True when success means the whole workflow is done; false when it means the order is safely handed over.</summary>
    bool AnswersOnCompletion { get; }

    ValueTask<PipelineResult> PlaceAsync(OrderId id, int attempt, string payload, CancellationToken cancellationToken);
}

/// <summary>Why a pipeline could not place an order; each maps to its own HTTP status.</summary>
public enum PipelineFailure
{
    None,

    /// <summary>A downstream service or the broker could not be reached, or its circuit is open (503).</summary>
    Unavailable,

    /// <summary>A downstream call or the publish ack did not answer in time (504).</summary>
    Timeout,

    /// <summary>A downstream service answered with an error (502).</summary>
    DownstreamError,

    /// <summary>The broker had no subscriber for a step's request (<see cref="ArchLab.Contracts.Hosting.EdgeStatus.NoResponders"/>).</summary>
    NoResponders,

    /// <summary>A step's request got no reply in time (<see cref="ArchLab.Contracts.Hosting.EdgeStatus.RequestTimeout"/>).</summary>
    RequestTimeout,
}

/// <param name="Failure">Why it failed; <see cref="PipelineFailure.None"/> on success.</param>
/// <param name="Step">The role (or <c>broker</c>) that failed.</param>
/// <param name="Detail">What happened, for the problem's detail.</param>
/// <param name="Attempts">Attempts made at the failing step (retries included), when known.</param>
public readonly record struct PipelineResult(PipelineFailure Failure, string? Step = null, string? Detail = null, int? Attempts = null)
{
    public static PipelineResult Ok { get; } = new(PipelineFailure.None);

    public bool Succeeded => Failure == PipelineFailure.None;
}
