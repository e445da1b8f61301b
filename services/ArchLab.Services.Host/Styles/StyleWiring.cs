using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Edge;
using ArchLab.Services.Host.Hosting;
using ArchLab.Services.Host.Styles.Grpc;
using ArchLab.Services.Host.Styles.JetStream;
using ArchLab.Services.Host.Styles.Rest;

using StyleNames = ArchLab.Contracts.Workflow.Styles;

namespace ArchLab.Services.Host.Styles;

/// <summary>Adds and maps what one role needs in one style; everything else about a host is the same.</summary>
public static class StyleWiring
{
    public static void AddRole(this IServiceCollection services, ServiceOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => new StepRunner(options.Role, options.Cost, options.LedgerPath, options.Seed));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default));
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
            case StyleNames.JetStream:
                NatsSetup.Register(services, options);
                if (edge)
                {
                    services.AddSingleton<IOrderPipeline, JetStreamPipeline>();
                }
                else
                {
                    services.AddSingleton<JetStreamStepConsumer>();
                    services.AddHostedService(sp => sp.GetRequiredService<JetStreamStepConsumer>());
                }

                break;
        }
    }

    public static void MapRole(this WebApplication app, ServiceOptions options)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/health", () => TypedResults.Ok("ok"));
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

    /// <summary>Completes when the role can take work: a consumer bound to its stream, or at once for the others.</summary>
    public static async Task WhenReadyAsync(this WebApplication app, ServiceOptions options, CancellationToken cancellationToken)
    {
        if (options.Style == StyleNames.JetStream)
        {
            await app.Services.GetRequiredService<NATS.Client.Core.NatsConnection>().ConnectAsync();
            if (options.Role != Roles.Edge)
            {
                await app.Services.GetRequiredService<JetStreamStepConsumer>().Started.WaitAsync(cancellationToken);
            }
        }
    }
}
