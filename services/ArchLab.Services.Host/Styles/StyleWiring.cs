using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Edge;
using ArchLab.Services.Host.Edge.ReadModel;
using ArchLab.Services.Host.Faults;
using ArchLab.Services.Host.Hosting;
using ArchLab.Services.Host.Sink;
using ArchLab.Services.Host.Styles.Grpc;
using ArchLab.Services.Host.Styles.InProc;
using ArchLab.Services.Host.Styles.JetStream;
using ArchLab.Services.Host.Styles.Nats;
using ArchLab.Services.Host.Styles.NatsCore;
using ArchLab.Services.Host.Styles.NatsRequest;
using ArchLab.Services.Host.Styles.Rabbit;
using ArchLab.Services.Host.Styles.Rest;
using NATS.Client.Core;

using StyleNames = ArchLab.Contracts.Workflow.Styles;

namespace ArchLab.Services.Host.Styles;

/// <summary>Adds and maps what one role needs in one style; everything else about a host is the same.</summary>
public static class StyleWiring
{
    public static void AddRole(this IServiceCollection services, ServiceOptions options)
    {
        if (options.Role == Transports.SinkRole)
        {
            services.AddSink(options);
            return;
        }

        services.AddSingleton(options);
        services.AddSingleton<OrderStates>();
        services.AddSingleton(_ => new ProcessRoles(options));
        services.AddSingleton(sp => sp.GetRequiredService<ProcessRoles>().Own);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, HostingJsonContext.Default);
        });
        BadRequests.Configure(services);

        var edge = options.Role == Roles.Edge;
        switch (options.Style)
        {
            case StyleNames.Rest when edge:
                RestStepClient.Register(services, options);
                services.AddSingleton<IOrderPipeline, SyncChainPipeline>();
                break;
            case StyleNames.Grpc when edge:
                services.AddSingleton<IStepClient, GrpcStepClient>();
                services.AddSingleton<IOrderPipeline, SyncChainPipeline>();
                break;
            case StyleNames.Grpc:
                services.AddGrpc();
                break;
            case StyleNames.JetStream when edge:
                NatsSetup.Register(services, options);
                AddCompletionFeed(services, options);
                services.AddSingleton<IOrderPipeline, JetStreamPipeline>();
                break;
            case StyleNames.JetStream:
                NatsSetup.Register(services, options);
                services.AddSingleton<JetStreamDeadLetters>();
                services.AddSingleton<JetStreamStepConsumer>();
                services.AddHostedService(sp => sp.GetRequiredService<JetStreamStepConsumer>());
                if (options.JetStream.DeadLetter)
                {
                    services.AddSingleton<MaxDeliveriesWatcher>();
                    services.AddHostedService(sp => sp.GetRequiredService<MaxDeliveriesWatcher>());
                }

                break;
            case StyleNames.NatsCore when edge:
                NatsSetup.Register(services, options);
                AddCompletionFeed(services, options);
                services.AddSingleton<IOrderPipeline, NatsCorePipeline>();
                break;
            case StyleNames.NatsCore:
                NatsSetup.Register(services, options);
                services.AddSingleton<NatsCoreSubscriber>();
                services.AddHostedService(sp => sp.GetRequiredService<NatsCoreSubscriber>());
                break;
            case StyleNames.NatsRequest when edge:
                NatsSetup.Register(services, options);
                services.AddSingleton<IStepClient, NatsRequestStepClient>();
                services.AddSingleton<IOrderPipeline, SyncChainPipeline>();
                break;
            case StyleNames.NatsRequest:
                NatsSetup.Register(services, options);
                services.AddSingleton<NatsRequestResponder>();
                services.AddHostedService(sp => sp.GetRequiredService<NatsRequestResponder>());
                break;
            case StyleNames.RabbitMq when edge:
                RabbitSetup.Register(services, options);
                services.AddSingleton<RabbitPublisher>();
                services.AddSingleton<IOrderPipeline, RabbitPipeline>();
                break;
            case StyleNames.RabbitMq:
                RabbitSetup.Register(services, options);
                services.AddSingleton<RabbitPublisher>();
                services.AddSingleton<RabbitStepConsumer>();
                services.AddHostedService(sp => sp.GetRequiredService<RabbitStepConsumer>());
                break;
            case StyleNames.InProc when edge:
                services.AddSingleton<InProcBus>();
                services.AddHostedService(sp => sp.GetRequiredService<InProcBus>());
                services.AddSingleton<IOrderPipeline, InProcPipeline>();
                break;
            case StyleNames.InProc:
                throw new ArgumentException($"inproc runs every role in the edge's process: start the edge with {options.Role} in its inProc.steps, not a {options.Role} process");
        }
    }

    public static void MapRole(this WebApplication app, ServiceOptions options)
    {
        if (options.Role == Transports.SinkRole)
        {
            app.MapSink(options);
            return;
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/health", () => TypedResults.Ok("ok"));
        app.MapFaults();
        if (options.Role == Roles.Edge)
        {
            app.MapOrders();
        }
        else if (options.Style == StyleNames.Rest)
        {
            app.MapRestStep(options.Role);
        }
        else if (options.Style == StyleNames.Grpc)
        {
            GrpcStepServices.Map(app, options.Role);
        }
    }

    /// <summary>A messaging edge with a read model follows the receivers' completion events.</summary>
    private static void AddCompletionFeed(IServiceCollection services, ServiceOptions options)
    {
        if (options.ReadModel)
        {
            services.AddSingleton<CompletionFeed>();
            services.AddHostedService(sp => sp.GetRequiredService<CompletionFeed>());
        }
    }

    /// <summary>Completes when the role can take work: its subscriptions known to the server, or at once for the synchronous styles.</summary>
    public static async Task WhenReadyAsync(this WebApplication app, ServiceOptions options, CancellationToken cancellationToken)
    {
        if (options.Role == Transports.SinkRole)
        {
            await app.WhenSinkReadyAsync(options, cancellationToken);
            return;
        }

        if (StyleNames.NeedsRabbit(options.Style))
        {
            // The edge is ready once its connection is open; a step once its consumer is registered.
            await app.Services.GetRequiredService<RabbitLink>().ConnectionAsync(cancellationToken);
            if (options.Role != Roles.Edge)
            {
                await app.Services.GetRequiredService<RabbitStepConsumer>().Started.WaitAsync(cancellationToken);
            }

            return;
        }

        if (!StyleNames.NeedsBroker(options.Style))
        {
            return;
        }

        await app.Services.GetRequiredService<NatsConnection>().ConnectAsync();
        if (options.Role == Roles.Edge)
        {
            await (app.Services.GetService<CompletionFeed>()?.Started ?? Task.CompletedTask).WaitAsync(cancellationToken);
            return;
        }

        Task[] started = options.Style switch
        {
            StyleNames.JetStream =>
            [
                app.Services.GetRequiredService<JetStreamStepConsumer>().Started,
                app.Services.GetService<MaxDeliveriesWatcher>()?.Started ?? Task.CompletedTask,
            ],
            StyleNames.NatsRequest => [app.Services.GetRequiredService<NatsRequestResponder>().Started],
            _ => [app.Services.GetRequiredService<NatsCoreSubscriber>().Started],
        };
        await Task.WhenAll(started).WaitAsync(cancellationToken);
    }
}
