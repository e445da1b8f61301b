using System.Globalization;

namespace ArchLab.Load.Recording;

/// <summary>
/// The name of the error kind of a rejected answer: <c>status_NNN</c>, except for the edge's own codes of the
/// broker-only failures, which results name by what happened (the numbers are ArchLab.Contracts' EdgeStatus; this
/// project references nothing of ArchLab's, so a unit test keeps the two in step).
/// </summary>
public static class ErrorKinds
{
    /// <summary>A step's request found no subscriber (nats-request).</summary>
    public const string NoResponders = "no_responders";

    /// <summary>A step's request got no reply in time (nats-request).</summary>
    public const string RequestTimeout = "request_timeout";

    /// <summary>The edge's status for <see cref="NoResponders"/>.</summary>
    public const int NoRespondersStatus = 521;

    /// <summary>The edge's status for <see cref="RequestTimeout"/>.</summary>
    public const int RequestTimeoutStatus = 524;

    /// <summary>A publish the client or the stream refused (transport arms: NATS publish, JetStream publish ack with an error).</summary>
    public const string PublishFailed = "publish_failed";

    /// <summary>The pseudo-status a transport target rejects a failed publish with (no HTTP answer has it).</summary>
    public const int PublishFailedStatus = 530;

    /// <summary>gRPC status codes are carried as this plus the code (1000 + 14 = unavailable), so they cannot meet an HTTP status.</summary>
    public const int GrpcStatusBase = 1000;

    // Grpc.Core.StatusCode by number, in the snake case of every other kind.
    private static readonly string[] GrpcCodes =
    [
        "ok", "cancelled", "unknown", "invalid_argument", "deadline_exceeded", "not_found", "already_exists", "permission_denied",
        "resource_exhausted", "failed_precondition", "aborted", "out_of_range", "unimplemented", "internal", "unavailable", "data_loss",
        "unauthenticated",
    ];

    public static string OfStatus(int status) => status switch
    {
        NoRespondersStatus => NoResponders,
        RequestTimeoutStatus => RequestTimeout,
        PublishFailedStatus => PublishFailed,
        >= GrpcStatusBase and < GrpcStatusBase + 17 => "grpc_" + GrpcCodes[status - GrpcStatusBase],
        _ => "status_" + status.ToString(CultureInfo.InvariantCulture),
    };
}
