using NATS.Client.Core;

namespace ArchLab.Load.Targets.Transports;

/// <summary>The one connection a NATS target opens, and how a failure of it reads as an outcome.</summary>
internal static class NatsConnections
{
    public static NatsConnection Open(NatsTargetOptions options) => new(NatsOpts.Default with
    {
        Url = options.Url,
        Name = options.ConnectionName,
        RequestTimeout = options.ClientTimeout,
        // A load run is one connection's life: it is opened (and fails) before the load, not retried during it.
        MaxReconnectRetry = 0,

        // WriterBufferSize stays at the client's default: the client sizes the buffer it serializes each message into
        // from it (1/256th), so a larger one costs every publish a larger rented array; 4 MiB cut the publish rate by
        // a fifth (nats benchmark).
    });

    /// <summary>
    /// Opens the connection and connects before the load, so that a server that is not there fails the arm, not every
    /// request; then makes the target on it. A connection that fails is disposed, never leaked.
    /// </summary>
    public static async Task<T> ConnectAsync<T>(NatsTargetOptions options, Func<NatsConnection, T> target, CancellationToken cancellationToken)
    {
        var connection = Open(options);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken);
            return target(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
