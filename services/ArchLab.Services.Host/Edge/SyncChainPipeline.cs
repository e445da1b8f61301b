using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Services.Host.Edge;

/// <summary>A downstream step called synchronously (REST or gRPC).</summary>
public interface IStepClient
{
    ValueTask<PipelineResult> CallAsync(string role, StepMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The synchronous chain: inventory, then payment, then notify, each awaited before the next. The caller
/// waits for all of it, and the first failure fails the order (steps already done stay done).
/// </summary>
public sealed class SyncChainPipeline(IStepClient client) : IOrderPipeline
{
    public bool AnswersOnCompletion => true;

    public async ValueTask<PipelineResult> PlaceAsync(OrderId id, int attempt, string payload, CancellationToken cancellationToken)
    {
        var message = new StepMessage(id.ToString(), attempt, payload);
        foreach (var role in Roles.Steps)
        {
            var result = await client.CallAsync(role, message, cancellationToken);
            if (!result.Succeeded)
            {
                return result;
            }
        }

        return PipelineResult.Ok;
    }
}
