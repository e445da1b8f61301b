using ArchLab.Contracts.Grpc;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Steps;
using Grpc.Core;

namespace ArchLab.Services.Host.Styles.Grpc;

/// <summary>The step roles as gRPC services; each process maps only the service of its own role.</summary>
public static class GrpcStepServices
{
    public static void Map(WebApplication app, string role)
    {
        _ = role switch
        {
            Roles.Inventory => app.MapGrpcService<InventoryService>(),
            Roles.Payment => app.MapGrpcService<PaymentService>(),
            _ when Roles.IsReceiver(role) => app.MapGrpcService<NotifyService>(),
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a step role"),
        };
    }

    internal static async Task<StepReply> ExecuteAsync(StepRunner step, IHostApplicationLifetime lifetime, StepRequest request, ServerCallContext context)
    {
        if (!OrderId.TryParse(request.OrderId, out var id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"order_id: expected '<8 hex digits>-<sequence>', got '{request.OrderId}'"));
        }

        // As for REST: once started, the step runs to its end even past the caller's deadline; a call still
        // queued for a worker when its deadline passes is dropped.
        var outcome = await step.ExecuteAsync(id, (int)request.Attempt, lifetime.ApplicationStopping, context.CancellationToken);
        if (outcome.Status == StepStatus.Abandoned)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, $"the caller of {step.Role} for {id} went away before a worker was free"));
        }

        if (!outcome.Succeeded)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"the {step.Role} step failed {id} at attempt {request.Attempt}: {outcome.Failure}"));
        }

        return new StepReply { OrderId = request.OrderId };
    }
}

public sealed class InventoryService(StepRunner step, IHostApplicationLifetime lifetime) : Inventory.InventoryBase
{
    public override Task<StepReply> Reserve(StepRequest request, ServerCallContext context) =>
        GrpcStepServices.ExecuteAsync(step, lifetime, request, context);
}

public sealed class PaymentService(StepRunner step, IHostApplicationLifetime lifetime) : Payment.PaymentBase
{
    public override Task<StepReply> Charge(StepRequest request, ServerCallContext context) =>
        GrpcStepServices.ExecuteAsync(step, lifetime, request, context);
}

public sealed class NotifyService(StepRunner step, IHostApplicationLifetime lifetime) : Notify.NotifyBase
{
    public override Task<StepReply> Send(StepRequest request, ServerCallContext context) =>
        GrpcStepServices.ExecuteAsync(step, lifetime, request, context);
}
