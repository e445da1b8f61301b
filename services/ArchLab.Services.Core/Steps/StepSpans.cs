using System.Diagnostics;
using ArchLab.Contracts.Messages;

namespace ArchLab.Services.Core.Steps;

/// <summary>
/// The span of one execution of a step, from the moment it waits for a worker to its effect. Its parent is whatever
/// span is current: the server span of an HTTP or gRPC request, the processing span of a NATS message, the hop of
/// the in-process bus. Nothing is recorded while no tracer listens to the source.
/// </summary>
public static class StepSpans
{
    /// <summary>The <see cref="ActivitySource"/> name a tracer adds to record step spans.</summary>
    public const string SourceName = "ArchLab.Steps";

    /// <summary>The order a span worked on, as <see cref="OrderId.ToString"/> writes it: how a collector finds an order's spans in any trace.</summary>
    public const string OrderTag = "archlab.order";

    /// <summary>What a step span's name starts with; the role follows (<c>step payment</c>).</summary>
    public const string NamePrefix = "step ";

    /// <summary>The caller's attempt or the delivery count.</summary>
    public const string AttemptTag = "archlab.attempt";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of <paramref name="role"/>'s step for <paramref name="id"/>, or returns null when nobody listens.</summary>
    public static Activity? Start(string role, OrderId id, int attempt)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var span = Source.StartActivity(NamePrefix + role);
        span?.SetTag(OrderTag, id.ToString());
        span?.SetTag(AttemptTag, attempt);
        return span;
    }

    /// <summary>
    /// Starts a span for an order taken off an in-process queue, under the span that put it there: the bus's own
    /// propagation, as a message header is for a broker. Null when nobody listens.
    /// </summary>
    public static Activity? StartDequeued(string role, OrderId id, ActivityContext enqueuedBy)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var span = Source.StartActivity("dequeue " + role, ActivityKind.Consumer, enqueuedBy);
        span?.SetTag(OrderTag, id.ToString());
        return span;
    }
}
