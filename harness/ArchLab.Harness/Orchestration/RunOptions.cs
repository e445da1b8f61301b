using ArchLab.Harness.Broker;
using ArchLab.Harness.Tracing;

namespace ArchLab.Harness.Orchestration;

/// <summary>How to run a scenario, beyond the scenario itself.</summary>
public sealed record RunOptions
{
    /// <summary>Folder that receives one folder per run and the <c>latest</c> link. Default: <c>reports/runs</c>.</summary>
    public string OutputRoot { get; init; } = Path.Combine("reports", "runs");

    /// <summary>Exact folder for this run instead of a new stamped one under <see cref="OutputRoot"/>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where to get a NATS server for the arms that need one.</summary>
    public BrokerOptions Broker { get; init; } = new();

    /// <summary>The service host assembly; default: <c>ArchLab.Services.Host.dll</c> next to the harness.</summary>
    public string? ServiceHostPath { get; init; }

    /// <summary>How long a role may take to say it is ready. Default: 30s.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Base address of the user's own OTLP/HTTP collector (e.g. Jaeger's <c>http://127.0.0.1:4318</c>): the run's
    /// collector forwards every export of a traced arm to it as well. Default: none.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>How often each arm reports its progress: a live dashboard asks for four times a second. Default: 1 s.</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The load agents that drive the load of every arm (<c>run --agents</c>, <c>load.agents</c>); null: the harness drives it. Default: none.</summary>
    public Agents.AgentPool? Agents { get; init; }

    /// <summary>
    /// The address this machine's roles listen on and are reached at: loopback, unless roles placed on other hosts
    /// (<c>run --place</c>) call them (<c>run --advertise</c>). Default: <c>127.0.0.1</c>.
    /// </summary>
    public string Advertise { get; init; } = "127.0.0.1";

    /// <summary>The run's trace collector, started by the orchestrator when an arm traces; null otherwise.</summary>
    public TraceCollector? Traces { get; init; }

    /// <summary>RabbitMQ's <c>bin/rabbitmq-server</c> start script; null: <c>ARCHLAB_RABBITMQ_SERVER</c>, else Debian's.</summary>
    public string? RabbitServer { get; init; }

    /// <summary>The run's RabbitMQ node (a virtual host per arm), made by the orchestrator when an arm needs RabbitMQ; null otherwise.</summary>
    public Rabbit.RunRabbit? Rabbit { get; init; }
}
