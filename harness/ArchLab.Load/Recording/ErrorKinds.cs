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

    public static string OfStatus(int status) => status switch
    {
        NoRespondersStatus => NoResponders,
        RequestTimeoutStatus => RequestTimeout,
        _ => "status_" + status.ToString(CultureInfo.InvariantCulture),
    };
}
