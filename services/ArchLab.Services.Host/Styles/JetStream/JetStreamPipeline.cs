using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Host.Edge;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace ArchLab.Services.Host.Styles.JetStream;

/// <summary>
/// The edge of the JetStream style: publish <c>OrderPlaced</c> and answer as soon as the stream has
/// stored it (the publish ack). With dedupe (the default) the order id is the message id, so a retried
/// publish is stored once and its duplicate ack is a success.
/// </summary>
public sealed class JetStreamPipeline(INatsJSContext js, ServiceOptions options) : IOrderPipeline
{
    public bool AnswersOnCompletion => false;

    public async ValueTask<PipelineResult> PlaceAsync(OrderId id, int attempt, string payload, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new StepMessage(id.ToString(), attempt, payload), ContractsJsonContext.Default.StepMessage);
        try
        {
            var publish = options.JetStream.Dedupe ? new NatsJSPubOpts { MsgId = id.ToString() } : null;
            var ack = await js.PublishAsync(Subjects.OrderPlaced, body, opts: publish, cancellationToken: cancellationToken);
            ack.EnsureStored();
            return PipelineResult.Ok;
        }
        catch (NatsNoRespondersException e)
        {
            return new PipelineResult(PipelineFailure.Unavailable, "broker", e.Message);
        }
        catch (NatsJSPublishNoResponseException e)
        {
            return new PipelineResult(PipelineFailure.Timeout, "broker", e.Message);
        }
        catch (NatsException e)
        {
            return new PipelineResult(PipelineFailure.DownstreamError, "broker", e.Message);
        }
        catch (TimeoutException e)
        {
            return new PipelineResult(PipelineFailure.Timeout, "broker", e.Message);
        }
    }
}
