using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Broker;

/// <summary>A broker process the harness started and a process fault can signal: nats-server, or a RabbitMQ node's Erlang VM.</summary>
public interface IBrokerProcess
{
    /// <summary>The current incarnation's process.</summary>
    ChildProcess Process { get; }

    /// <summary>Starts it again after a kill or a stop, with the same ports and data.</summary>
    Task RestartAsync(CancellationToken cancellationToken);
}
