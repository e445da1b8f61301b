using ArchLab.Contracts.Messages;
using ArchLab.Services.Core.Steps;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArchLab.Services.Host.Edge;

/// <summary>The 500 problem of a step attempt that failed (an injected error, a poison order): a server fault, worth a retry.</summary>
public static class StepFailure
{
    public static ProblemHttpResult Problem(string role, OrderId id, int attempt, StepOutcome outcome) =>
        TypedResults.Problem(
            $"{role} failed {id} at attempt {attempt}: {outcome.Failure}",
            statusCode: StatusCodes.Status500InternalServerError,
            title: $"the {role} step failed",
            extensions: new Dictionary<string, object?> { ["step"] = role, ["orderId"] = id.ToString(), ["attempt"] = attempt });
}
