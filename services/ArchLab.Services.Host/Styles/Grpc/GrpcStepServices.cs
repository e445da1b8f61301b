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
            Roles.Notify => app.MapGrpcService<NotifyService>(),
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a step role"),
        };
    }

    internal static async Task<StepReply> ExecuteAsync(StepRunner step, StepRequest request, ServerCallContext context)
    {
        if (!OrderId.TryParse(request.OrderId, out var id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"order_id: expected '<8 hex digits>-<sequence>', got '{request.OrderId}'"));
        }

        await step.ExecuteAsync(id, (int)request.Attempt, context.CancellationToken);
        return new StepReply { OrderId = request.OrderId };
    }
}

public sealed class InventoryService(StepRunner step) : Inventory.InventoryBase
{
    public override Task<StepReply> Reserve(StepRequest request, ServerCallContext context) =>
        GrpcStepServices.ExecuteAsync(step, request, context);
}

public sealed class PaymentService(StepRunner step) : Payment.PaymentBase
{
    public override Task<StepReply> Charge(StepRequest request, ServerCallContext context) =>
        GrpcStepServices.ExecuteAsync(step, request, context);
}

public sealed class NotifyService(StepRunner step) : Notify.NotifyBase
{
    public override Task<StepReply> Send(StepRequest request, ServerCallContext context) =>
        GrpcStepServices.ExecuteAsync(step, request, context);
}
