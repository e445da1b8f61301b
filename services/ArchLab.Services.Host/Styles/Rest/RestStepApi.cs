using ArchLab.Contracts.Messages;
using ArchLab.Services.Core.Steps;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArchLab.Services.Host.Styles.Rest;

/// <summary>A step role over REST: <c>POST /steps/{role}</c> runs the step and answers when its effect is written.</summary>
public static class RestStepApi
{
    public static string PathOf(string role) => $"/steps/{role}";

    public static IEndpointRouteBuilder MapRestStep(this IEndpointRouteBuilder app, string role)
    {
        app.MapPost(PathOf(role), ExecuteAsync);
        return app;
    }

    private static async Task<Results<Ok<StepDone>, ValidationProblem>> ExecuteAsync(
        StepMessage message, StepRunner step, CancellationToken cancellationToken)
    {
        if (!OrderId.TryParse(message.OrderId, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["orderId"] = [$"expected '<8 hex digits>-<sequence>', got '{message.OrderId}'"],
            });
        }

        await step.ExecuteAsync(id, message.Attempt, cancellationToken);
        return TypedResults.Ok(new StepDone(message.OrderId!, step.Role));
    }
}
