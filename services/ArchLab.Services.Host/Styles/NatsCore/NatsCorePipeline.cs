using System.Text.Json;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Host.Edge;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Styles.NatsCore;

/// <summary>
/// The edge of the nats-core style: publish <c>OrderPlaced</c> on a core subject and answer once the server
/// has it. A ping after the publish is that proof: the server answers pings in order, so its pong means it
/// has read the publish. What it then does with it (deliver it, or drop it with no subscriber) nobody is told.
/// </summary>
public sealed class NatsCorePipeline(NatsConnection nats) : IOrderPipeline
{
    private static readonly string Subject = Subjects.Core(Subjects.OrderPlaced);

    public bool AnswersOnCompletion => false;

    public async ValueTask<PipelineResult> PlaceAsync(OrderId id, int attempt, string payload, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new StepMessage(id.ToString(), attempt, payload), ContractsJsonContext.Default.StepMessage);
        try
        {
            await nats.PublishAsync(Subject, body, cancellationToken: cancellationToken);
            await nats.PingAsync(cancellationToken);
            return PipelineResult.Ok;
        }
        catch (NatsException e)
        {
            return new PipelineResult(PipelineFailure.Unavailable, "broker", e.Message);
        }
        catch (TimeoutException e)
        {
            return new PipelineResult(PipelineFailure.Timeout, "broker", e.Message);
        }
    }
}
