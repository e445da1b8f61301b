using System.Net.Sockets;

namespace ArchLab.Load.Targets.Http;

/// <summary>The outcome mapping shared by both transports.</summary>
internal static class HttpOutcomes
{
    public static CallOutcome FromStatus(int status) =>
        status is >= 200 and < 300 ? CallOutcome.Accepted(status) : CallOutcome.Rejected(status);

    public static CallOutcome FromSocketError(SocketError error) =>
        error == SocketError.ConnectionRefused ? CallOutcome.Refused : CallOutcome.Failed;

    public static CallOutcome FromException(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => CallOutcome.Timeout,
        SocketException e => FromSocketError(e.SocketErrorCode),
        _ => CallOutcome.Failed,
    };
}
