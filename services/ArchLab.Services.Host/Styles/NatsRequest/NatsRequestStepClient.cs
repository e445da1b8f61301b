using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Host.Edge;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Styles.NatsRequest;

/// <summary>
/// Calls a step role with a core NATS request on <c>steps.&lt;role&gt;</c> and waits for the one reply, at most the
/// arm's <c>timeout</c>. One attempt, no retry: a failed step fails the order, as a plain REST call does. The two
/// failures only a broker has get kinds of their own: nobody subscribed (no responders, told at once by the
/// server) and nobody replied in time.
/// </summary>
public sealed class NatsRequestStepClient(NatsConnection nats, ServiceOptions options) : IStepClient
{
    public async ValueTask<PipelineResult> CallAsync(string role, StepMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, ContractsJsonContext.Default.StepMessage);
        var deadline = Stopwatch.GetTimestamp() + (long)(options.CallTimeout.TotalSeconds * Stopwatch.Frequency);
        var headers = new NatsHeaders { [Subjects.DeadlineHeader] = deadline.ToString(CultureInfo.InvariantCulture) };
        try
        {
            var reply = await nats.RequestAsync<byte[], byte[]>(
                Subjects.StepRequest(role), body, headers,
                replyOpts: new NatsSubOpts { Timeout = options.CallTimeout, ThrowIfNoResponders = true },
                cancellationToken: cancellationToken);
            return reply.Headers?.TryGetValue(Subjects.StepFailedHeader, out var failure) == true
                ? new PipelineResult(PipelineFailure.DownstreamError, role, $"{role}: {failure}")
                : PipelineResult.Ok;
        }
        catch (NatsNoRespondersException)
        {
            return new PipelineResult(PipelineFailure.NoResponders, role, $"no {role} subscribed to {Subjects.StepRequest(role)}");
        }
        catch (NatsNoReplyException)
        {
            return new PipelineResult(PipelineFailure.RequestTimeout, role, $"{role} did not reply within {options.CallTimeout}");
        }
        catch (NatsException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new PipelineResult(PipelineFailure.Unavailable, "broker", e.Message);
        }
        catch (TimeoutException e)
        {
            return new PipelineResult(PipelineFailure.Unavailable, "broker", e.Message);
        }
    }
}
