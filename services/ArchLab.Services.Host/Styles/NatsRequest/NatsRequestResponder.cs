using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Styles.Nats;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Styles.NatsRequest;

/// <summary>
/// A step role over NATS request-reply: a subscription on <c>steps.&lt;role&gt;</c> in the role's queue group, so
/// each request reaches one replica; it runs the step and replies when the effect is written, or with the
/// <see cref="Subjects.StepFailedHeader"/> when the attempt failed. As for REST, a started step runs to its end
/// whether or not the edge still waits, and a request still queued for a worker past the edge's deadline is
/// dropped unanswered. Requests that arrive while the role is down find no subscriber: the edge hears "no
/// responders" from the server at once.
/// </summary>
public sealed class NatsRequestResponder(
    NatsConnection nats,
    StepRunner step,
    ServiceOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<NatsRequestResponder> logger) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the server knows the subscription: from then on a request finds a responder.</summary>
    public Task Started => _started.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        QueueGroupSubscription.RunAsync(nats, Subjects.StepRequest(options.Role), options.Role, options.HandlerConcurrency, _started, HandleAsync, stoppingToken);

    private async ValueTask HandleAsync(NatsMsg<byte[]> request)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            if (Parse(request) is not { } parsed)
            {
                await request.ReplyAsync<byte[]>([], headers: Failed("body is not a step message with a valid order id"), cancellationToken: stopping);
                return;
            }

            var (message, id) = parsed;

            using var gaveUp = new CancellationTokenSource(RemainingOf(request));
            var outcome = await step.ExecuteAsync(id, message.Attempt, stopping, gaveUp.Token);
            if (outcome.Status == StepStatus.Abandoned)
            {
                // Nobody waits for this reply any more.
                return;
            }

            await request.ReplyAsync<byte[]>([], headers: outcome.Succeeded ? null : Failed($"the {step.Role} step failed {id} at attempt {message.Attempt}: {outcome.Failure}"),
                cancellationToken: stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            logger.LogWarning("{Role}: could not reply: {Error}; the edge will see a timeout", options.Role, e.Message);
        }
    }

    private static (StepMessage Message, OrderId Id)? Parse(NatsMsg<byte[]> request)
    {
        try
        {
            var message = request.Data is { Length: > 0 } data ? JsonSerializer.Deserialize(data, ContractsJsonContext.Default.StepMessage) : null;
            return message is not null && OrderId.TryParse(message.OrderId, out var id) ? (message, id) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Time left before the edge's deadline; without one (a hand-made request), as long as it takes.</summary>
    private static TimeSpan RemainingOf(NatsMsg<byte[]> request)
    {
        if (request.Headers?.TryGetValue(Subjects.DeadlineHeader, out var value) != true
            || !long.TryParse(value.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var deadline))
        {
            return Timeout.InfiniteTimeSpan;
        }

        return TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
    }

    private static NatsHeaders Failed(string why) => new() { [Subjects.StepFailedHeader] = why };
}
