using ArchLab.Contracts.Hosting;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Net;

namespace ArchLab.Services.Host.Styles.Nats;

/// <summary>One NATS connection per process, named after its role so the server's monitoring shows who is who.</summary>
public static class NatsSetup
{
    public static void Register(IServiceCollection services, ServiceOptions options)
    {
        var url = options.NatsUrl ?? throw new ArgumentException($"style {options.Style} needs natsUrl in the options file");
        services.AddSingleton(sp => new NatsConnection(new NatsOpts
        {
            Url = url,
            // The client's own warnings (a lost connection, a consumer that stopped pulling) go to the role's log.
            LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
            Name = $"archlab-{options.Role}",
            // Keep trying for as long as the run lasts: a broker outage is a scenario, not an end.
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(1),
        }));
        services.AddSingleton<INatsJSContext>(sp => sp.GetRequiredService<NatsConnection>().CreateJetStreamContext());
    }
}
