using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Services.Host.Edge;

/// <summary>A downstream step called synchronously (REST, gRPC or NATS request-reply).</summary>
public interface IStepClient
{
    ValueTask<PipelineResult> CallAsync(string role, StepMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The synchronous chain: inventory, then payment, then every fan-out receiver, each awaited before the order
/// is answered. The edge must know each receiver and calls them one after the other or all at once
/// (<see cref="FanOutMode"/>). The caller waits for all of it, and the first failure (in role order) fails the
/// order; steps already done stay done.
/// </summary>
public sealed class SyncChainPipeline(IStepClient client, ServiceOptions options) : IOrderPipeline
{
    private static readonly string[] Chain = [Roles.Inventory, Roles.Payment];
    private readonly IReadOnlyList<string> _receivers = Roles.Receivers(options.Receivers);

    public bool AnswersOnCompletion => true;

    public async ValueTask<PipelineResult> PlaceAsync(OrderId id, int attempt, string payload, CancellationToken cancellationToken)
    {
        var message = new StepMessage(id.ToString(), attempt, payload);
        foreach (var role in Chain)
        {
            var result = await client.CallAsync(role, message, cancellationToken);
            if (!result.Succeeded)
            {
                return result;
            }
        }

        if (options.FanOut == FanOutMode.Parallel && _receivers.Count > 1)
        {
            var results = await Task.WhenAll(_receivers.Select(r => client.CallAsync(r, message, cancellationToken).AsTask()));
            return results.FirstOrDefault(r => !r.Succeeded, PipelineResult.Ok);
        }

        foreach (var role in _receivers)
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
