using System.Diagnostics.CodeAnalysis;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Host.Styles.Nats;
using ArchLab.Services.Host.Styles.Rabbit;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Sink;

/// <summary>
/// The no-op responder of the transport-baseline scenario, one transport per process: no step, no ledger, no cost.
/// HTTP and gRPC answer at once; NATS requests get an empty reply; NATS publishes are counted by sequence number;
/// for JetStream the sink creates the stream, and the stored message is the whole of the work; RabbitMQ's sink
/// declares its queue, counts confirmed publishes and answers direct reply-to requests.
/// </summary>
public static class SinkWiring
{
    public static void AddSink(this IServiceCollection services, ServiceOptions options)
    {
        services.AddSingleton(options);
        switch (options.Style)
        {
            case Transports.Grpc:
                services.AddGrpc();
                break;
            case Transports.NatsRequest:
                AddNats<NatsSinkResponder>(services, options);
                break;
            case Transports.NatsPublish:
                services.AddSingleton<ReceivedSeqs>();
                AddNats<NatsSinkCounter>(services, options);
                break;
            case Transports.JetStreamSync or Transports.JetStreamAsync:
                AddNats<JetStreamSinkStream>(services, options);
                break;
            case Transports.RabbitPublish or Transports.RabbitRpc:
                RabbitSetup.Register(services, options);
                services.AddSingleton<ReceivedSeqs>();
                AddService<RabbitSink>(services);
                break;
        }
    }

    public static void MapSink(this WebApplication app, ServiceOptions options)
    {
        app.MapGet("/health", () => TypedResults.Ok("ok"));
        switch (options.Style)
        {
            case Transports.Http:
                HttpSink.Map(app);
                break;
            case Transports.Grpc:
                app.MapGrpcService<GrpcSink>();
                break;
            case Transports.NatsPublish or Transports.RabbitPublish:
                app.MapGet(Transports.ReceivedPath, (ReceivedSeqs received) => TypedResults.Bytes(received.ToBitset(), "application/octet-stream"));
                break;
        }
    }

    /// <summary>Completes when the server knows the sink's subscription (or its stream exists); at once for HTTP and gRPC.</summary>
    public static async Task WhenSinkReadyAsync(this WebApplication app, ServiceOptions options, CancellationToken cancellationToken)
    {
        if (Transports.NeedsRabbit(options.Style))
        {
            await app.Services.GetRequiredService<ISinkService>().Started.WaitAsync(cancellationToken);
            return;
        }

        if (!Transports.NeedsBroker(options.Style))
        {
            return;
        }

        await app.Services.GetRequiredService<NatsConnection>().ConnectAsync();
        await app.Services.GetRequiredService<ISinkService>().Started.WaitAsync(cancellationToken);
    }

    // The annotation keeps the constructor through native AOT trimming, as AddSingleton<T> requires.
    private static void AddNats<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(IServiceCollection services, ServiceOptions options)
        where TService : class, ISinkService, IHostedService
    {
        NatsSetup.Register(services, options);
        AddService<TService>(services);
    }

    private static void AddService<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(IServiceCollection services)
        where TService : class, ISinkService, IHostedService
    {
        services.AddSingleton<TService>();
        services.AddSingleton<ISinkService>(sp => sp.GetRequiredService<TService>());
        services.AddHostedService(sp => sp.GetRequiredService<TService>());
    }
}

/// <summary>A sink's NATS side: ready once its subscription or stream is in place.</summary>
public interface ISinkService
{
    Task Started { get; }
}
