namespace ArchLab.Contracts.Hosting;

/// <summary>
/// The edge's own status codes for failures that HTTP has no code for, so that the load engine can count them as
/// kinds of their own (<c>no_responders</c>, <c>request_timeout</c>) rather than among REST's 503 and 504. Taken
/// from the 52x range that gateways such as Cloudflare use for "the origin is down" and "the origin timed out";
/// the load engine's status-to-kind map (ArchLab.Load's ErrorKinds) must name the same numbers.
/// </summary>
public static class EdgeStatus
{
    /// <summary>The broker had no subscriber for a step's request: nobody was there to answer (nats-request).</summary>
    public const int NoResponders = 521;

    /// <summary>A step's request got no reply within the arm's timeout (nats-request).</summary>
    public const int RequestTimeout = 524;
}
