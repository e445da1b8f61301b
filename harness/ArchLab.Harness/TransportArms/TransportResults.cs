using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Harness.TransportArms;

/// <summary>
/// The figures of a transport arm in the results contract. The accept latency is the round trip (reply, PubAck, or
/// the publish handed to the connection). "Completed" is what the transport can tell: a reply is the whole call
/// (http, grpc, nats-request), the sink's receipts for nats-publish; a JetStream PubAck means stored, and nothing
/// consumes after it, so completion does not apply. Completion latency is never measured apart from the round trip: null.
/// </summary>
internal static class TransportResults
{
    public static ArmResult Adjust(ArmResult result, ArmOutcome outcome)
    {
        var transport = outcome.Arm.Transport!.Transport;
        var duration = outcome.Load.MeasuredDuration.TotalSeconds;
        long? completed = transport switch
        {
            Transports.Http or Transports.Grpc or Transports.NatsRequest or Transports.RabbitRpc => outcome.Load.Counts.Accepted,
            Transports.NatsPublish or Transports.RabbitPublish => outcome.Receipts?.Received,
            _ => null,
        };
        var delivery = outcome.Receipts is { } r ? new DeliveryCounts(r.Received, r.Lost, 0, 0, 0, null, null, 0) : null;
        return result with
        {
            Counts = result.Counts with { Completed = completed },
            Throughput = Rates.Of(result.Counts.Offered, result.Counts.Accepted, completed, duration, 0),
            Delivery = delivery,
            Drain = null,
            Notes = [.. result.Notes.Where(n => !n.Contains("without a ledger", StringComparison.Ordinal)), Note(transport, outcome)],
        };
    }

    private static string Note(string transport, ArmOutcome outcome)
    {
        var arm = outcome.Arm.Transport!;
        var what = transport switch
        {
            Transports.Http => "HTTP/1.1 POST to the sink; accept = the 200 answer",
            Transports.Grpc => "gRPC unary call to the sink; accept = the OK reply",
            Transports.NatsRequest => "core NATS request answered by the sink; accept = the reply",
            Transports.NatsPublish => "core NATS publish; accept = handed to the connection's write buffer (no flush per message); completed = received by the sink's subscriber",
            Transports.JetStreamSync => "JetStream publish awaiting each PubAck before the next (window 1); accept = the PubAck (stored)",
            Transports.RabbitPublish => "RabbitMQ publish to a quorum queue with publisher confirms, many in flight on one channel; accept = the confirm (stored); completed = consumed by the sink",
            Transports.RabbitRpc => "RabbitMQ request over direct reply-to, answered by the sink's consumer; accept = the reply",
            _ => $"JetStream publish with up to {arm.Window} PubAcks in flight; accept = the PubAck (stored)",
        };
        return $"transport arm, no workflow: {what}; {arm.Payload} messages";
    }
}
