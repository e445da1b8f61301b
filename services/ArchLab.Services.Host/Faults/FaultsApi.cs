using ArchLab.Contracts.Hosting;
using ArchLab.Services.Core.Faults;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArchLab.Services.Host.Faults;

/// <summary>
/// The control endpoint every role serves on loopback: <c>PUT</c> <see cref="StepFaults.Path"/> puts the
/// faults of a fault window in force, <c>DELETE</c> clears them, <c>GET</c> says what is in force. The role is
/// named by <c>?role=</c> (a process may run several: <c>inproc</c>); without it, the process's own role. A role
/// the process does not run gets a 404 problem, and a body that does not parse a 400 one (see <see cref="BadRequests"/>).
/// </summary>
public static class FaultsApi
{
    // The query parameter is bound by name: StepFaults.RoleQuery is "role".
    public static IEndpointRouteBuilder MapFaults(this IEndpointRouteBuilder app)
    {
        app.MapPut(StepFaults.Path, Set);
        app.MapDelete(StepFaults.Path, Clear);
        app.MapGet(StepFaults.Path, Results<Ok<StepFaults>, ProblemHttpResult> (string? role, ProcessRoles roles) =>
            roles.Find(role) is { } step ? TypedResults.Ok(step.Faults.Current) : NotHere(role));
        return app;
    }

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> Set(
        StepFaults faults, string? role, ProcessRoles roles, ILoggerFactory logs)
    {
        if (roles.Find(role) is not { } step)
        {
            return NotHere(role);
        }

        if (FaultSwitch.Validate(faults) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["faults"] = [error] });
        }

        step.Faults.Set(faults);
        logs.CreateLogger(typeof(FaultsApi)).LogInformation(
            "{Role}: faults set: errorRate {ErrorRate}, slowdown {Slowdown}x, {Poison} poison orders, crash after effect {Crash}",
            step.Role, faults.ErrorRate, faults.Slowdown, faults.PoisonSeqs?.Count ?? 0, faults.CrashAfterEffect);
        return TypedResults.NoContent();
    }

    private static Results<NoContent, ProblemHttpResult> Clear(string? role, ProcessRoles roles, ILoggerFactory logs)
    {
        if (roles.Find(role) is not { } step)
        {
            return NotHere(role);
        }

        step.Faults.Clear();
        logs.CreateLogger(typeof(FaultsApi)).LogInformation("{Role}: faults cleared", step.Role);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotHere(string? role) =>
        TypedResults.Problem($"this process does not run the role '{role}'", statusCode: StatusCodes.Status404NotFound, title: "no such role here");
}
