using ArchLab.Contracts.Hosting;
using ArchLab.Services.Core.Faults;
using ArchLab.Services.Core.Steps;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArchLab.Services.Host.Faults;

/// <summary>
/// The control endpoint every role serves on loopback: <c>PUT</c> <see cref="StepFaults.Path"/> puts the
/// faults of a fault window in force, <c>DELETE</c> clears them, <c>GET</c> says what is in force. A body that
/// does not parse gets a 400 problem (see <see cref="Hosting.BadRequests"/>).
/// </summary>
public static class FaultsApi
{
    public static IEndpointRouteBuilder MapFaults(this IEndpointRouteBuilder app)
    {
        app.MapPut(StepFaults.Path, Set);
        app.MapDelete(StepFaults.Path, Clear);
        app.MapGet(StepFaults.Path, (StepRunner step) => TypedResults.Ok(step.Faults.Current));
        return app;
    }

    private static Results<NoContent, ValidationProblem> Set(StepFaults faults, StepRunner step, ILoggerFactory logs)
    {
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

    private static NoContent Clear(StepRunner step, ILoggerFactory logs)
    {
        step.Faults.Clear();
        logs.CreateLogger(typeof(FaultsApi)).LogInformation("{Role}: faults cleared", step.Role);
        return TypedResults.NoContent();
    }
}
