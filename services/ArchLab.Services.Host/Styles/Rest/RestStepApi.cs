using System.Globalization;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Edge;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArchLab.Services.Host.Styles.Rest;

/// <summary>
/// A step role over REST: <c>POST /steps/{role}</c> runs the step and answers when its effect is written,
/// or with a 500 problem when the attempt failed. With an <c>Idempotency-Key</c> the inbox decides: a key
/// whose effect is written answers at once, one being run waits for that run.
/// </summary>
public static class RestStepApi
{
    public static string PathOf(string role) => $"/steps/{role}";

    public static IEndpointRouteBuilder MapRestStep(this IEndpointRouteBuilder app, string role)
    {
        app.MapPost(PathOf(role), ExecuteAsync);
        return app;
    }

    private static async Task<Results<Ok<StepDone>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(
        StepMessage message, HttpRequest request, StepRunner step, IHostApplicationLifetime lifetime)
    {
        if (!OrderId.TryParse(message.OrderId, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["orderId"] = [$"expected '<8 hex digits>-<sequence>', got '{message.OrderId}'"],
            });
        }

        var attempt = int.TryParse(request.Headers[StepHeaders.Attempt], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a > 0
            ? a
            : message.Attempt;
        var key = request.Headers[StepHeaders.IdempotencyKey].ToString();
        if (key.Length > 0 && key != StepHeaders.KeyFor(message.OrderId!, step.Role))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [StepHeaders.IdempotencyKey] = [$"expected '{StepHeaders.KeyFor(message.OrderId!, step.Role)}', got '{key}'"],
            });
        }

        // Once it has started, the step runs to its end even if the caller gives up (an attempt timeout): a
        // service does not undo its work because a client hung up, which is how a retry makes a duplicate.
        // A request still queued for a worker when its caller hangs up is dropped instead.
        var outcome = key.Length > 0
            ? await step.ExecuteOnceAsync(id, attempt, waitForRunning: true, lifetime.ApplicationStopping, request.HttpContext.RequestAborted)
            : await step.ExecuteAsync(id, attempt, lifetime.ApplicationStopping, request.HttpContext.RequestAborted);
        return outcome.Succeeded
            ? TypedResults.Ok(new StepDone(message.OrderId!, step.Role))
            : StepFailure.Problem(step.Role, id, attempt, outcome);
    }
}
