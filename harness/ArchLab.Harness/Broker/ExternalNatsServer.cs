namespace ArchLab.Harness.Broker;

/// <summary>A server the harness did not start (<c>--nats-url</c>): used as is, never stopped.</summary>
public sealed class ExternalNatsServer(string clientUrl, string? monitoringUrl, string? version) : IBroker
{
    public string Kind => "external";

    public string ClientUrl { get; } = clientUrl;

    public string? MonitoringUrl { get; } = monitoringUrl;

    public string? Version { get; } = version;

    public int? Pid => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
