using RabbitMQ.Client;

namespace ArchLab.Load.Targets.Transports;

/// <summary>The load's connection to RabbitMQ: no automatic recovery, so a lost broker shows as failed calls, never as calls parked in the client.</summary>
internal static class RabbitConnections
{
    public static Task<IConnection> ConnectAsync(RabbitTargetOptions options, CancellationToken cancellationToken) =>
        new ConnectionFactory
        {
            Uri = options.Url,
            ClientProvidedName = options.ConnectionName,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        }.CreateConnectionAsync(cancellationToken);
}
