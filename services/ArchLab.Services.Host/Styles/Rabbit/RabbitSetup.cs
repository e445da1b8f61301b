using ArchLab.Contracts.Hosting;
using RabbitMQ.Client;

namespace ArchLab.Services.Host.Styles.Rabbit;

/// <summary>
/// One RabbitMQ connection per process, as NATS has one: opened when the process starts, recovered by the client
/// after a broker restart or a cut link (its topology, consumers included, declared again), named after the role.
/// </summary>
public static class RabbitSetup
{
    public static void Register(IServiceCollection services, ServiceOptions options)
    {
        var url = options.RabbitUrl ?? throw new InvalidOperationException($"the {options.Style} style needs the RabbitMQ URL (rabbitUrl)");
        services.AddSingleton(new RabbitLink(new ConnectionFactory
        {
            Uri = new Uri(url),
            ClientProvidedName = $"archlab-{options.Role}",
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromMilliseconds(500),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        }));
    }
}

/// <summary>The process's connection, opened on first use (the role's start waits for it).</summary>
public sealed class RabbitLink(ConnectionFactory factory) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _connection ??= await factory.CreateConnectionAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        _gate.Dispose();
    }
}
