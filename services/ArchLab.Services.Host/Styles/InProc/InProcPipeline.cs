using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Host.Edge;

namespace ArchLab.Services.Host.Styles.InProc;

/// <summary>
/// The <c>inproc</c> edge: puts the order in the first step's channel. By default it answers at once (202, like a
/// JetStream publish ack, but nothing survives the process); with <see cref="InProcOptions.AnswerOnCompletion"/> it
/// waits, at most the arm's timeout, for the last step (200), the synchronous chain through the same channels. A
/// full first channel is answered 503 and counted by the caller: the edge never drops an order it said yes to.
/// </summary>
public sealed class InProcPipeline(InProcBus bus, ServiceOptions options) : IOrderPipeline
{
    public bool AnswersOnCompletion { get; } = options.InProc?.AnswerOnCompletion == true;

    public async ValueTask<PipelineResult> PlaceAsync(OrderId id, int attempt, string payload, CancellationToken cancellationToken)
    {
        var done = AnswersOnCompletion ? new TaskCompletionSource<PipelineResult>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        if (!bus.TryPublish(new InProcOrder(id, attempt, done)))
        {
            return new PipelineResult(PipelineFailure.Unavailable, bus.FirstStep, $"the {bus.FirstStep} channel is full ({bus.Queue} orders)");
        }

        if (done is null)
        {
            return PipelineResult.Ok;
        }

        try
        {
            return await done.Task.WaitAsync(options.CallTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return new PipelineResult(PipelineFailure.Timeout, null, $"the chain did not complete {id} within {options.CallTimeout.TotalMilliseconds:0} ms");
        }
    }
}
