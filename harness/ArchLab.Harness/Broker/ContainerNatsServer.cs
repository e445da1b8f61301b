using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace ArchLab.Harness.Broker;

/// <summary>nats-server in a throwaway container through Testcontainers, where a Docker engine answers.</summary>
public sealed class ContainerNatsServer : IBroker
{
    /// <summary>The image: the same minor version as the Debian package, so results compare.</summary>
    public const string Image = "nats:2.9-alpine";

    private const int ClientPort = 4222;
    private const int MonitoringPort = 8222;
    private readonly IContainer _container;

    private ContainerNatsServer(IContainer container)
    {
        _container = container;
        ClientUrl = $"nats://{container.Hostname}:{container.GetMappedPublicPort(ClientPort)}";
        MonitoringUrl = $"http://{container.Hostname}:{container.GetMappedPublicPort(MonitoringPort)}";
    }

    public string Kind => "container";

    public string ClientUrl { get; }

    public string? MonitoringUrl { get; }

    public string? Version => Image.Split(':')[1];

    public int? Pid => null;

    public static async Task<ContainerNatsServer> StartAsync(CancellationToken cancellationToken)
    {
        var container = new ContainerBuilder(Image)
            .WithCommand("-js", "-m", MonitoringPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithPortBinding(ClientPort, assignRandomHostPort: true)
            .WithPortBinding(MonitoringPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Server is ready"))
            .Build();
        await container.StartAsync(cancellationToken);
        return new ContainerNatsServer(container);
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
