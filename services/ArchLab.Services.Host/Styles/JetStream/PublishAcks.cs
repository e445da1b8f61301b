using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace ArchLab.Services.Host.Styles.JetStream;

/// <summary>Reads a publish ack the way a retrying publisher must.</summary>
public static class PublishAcks
{
    /// <summary>
    /// Throws when the stream refused the message; a duplicate is a success: the message is stored (the first
    /// time), which is all a publisher that retries, or republishes after a redelivery, needs to know.
    /// NATS.Net's <c>EnsureSuccess</c> throws on a duplicate, which would turn every republish into a nak and
    /// a redelivery loop.
    /// </summary>
    /// <exception cref="NatsJSApiException">The server answered with an error.</exception>
    public static void EnsureStored(this PubAckResponse ack)
    {
        if (ack.Error is { } error)
        {
            throw new NatsJSApiException(error);
        }
    }
}
