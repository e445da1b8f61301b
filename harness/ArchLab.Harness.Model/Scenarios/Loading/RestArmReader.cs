using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads the resilience options of a <c>rest</c> arm: <c>attemptTimeout</c>, <c>retry</c>, <c>circuitBreaker</c>
/// and <c>idempotencyKey</c>, checked against the bounds Polly enforces so that a role never fails to start.
/// </summary>
internal static class RestArmReader
{
    public static readonly string[] Options = ["attemptTimeout", "retry", "circuitBreaker", "idempotencyKey"];

    private static readonly string[] RetryFields = ["attempts", "backoff", "base", "max", "jitter"];
    private static readonly string[] BreakerFields = ["failureRatio", "minThroughput", "window", "breakFor"];
    private static readonly string[] Backoffs = ["constant", "linear", "exponential"];
    private static readonly TimeSpan BreakerMinimum = TimeSpan.FromMilliseconds(500);

    public static CallResilience Read(Fields arm) => new()
    {
        AttemptTimeout = arm.Duration("attemptTimeout", ArmsReader.PollyMinimum, "the shortest timeout Polly applies"),
        Retry = ReadRetry(arm),
        CircuitBreaker = ReadBreaker(arm),
        IdempotencyKey = arm.Boolean("idempotencyKey") ?? false,
    };

    private static CallRetry? ReadRetry(Fields arm)
    {
        var fields = Fields.Of(arm.Value("retry"), arm.PathOf("retry"), arm.Problems, RetryFields,
            "retry options such as { attempts: 5, backoff: exponential, base: 100ms }");
        if (fields is null)
        {
            return null;
        }

        var defaults = new CallRetry();
        var baseDelay = fields.Duration("base") ?? defaults.BaseDelay;
        var maxDelay = fields.Duration("max", positive: true) ?? defaults.MaxDelay;
        if (maxDelay < baseDelay)
        {
            fields.Wrong(fields.Has("max") ? "max" : "base",
                $"expected retry.max ({Durations.Format(maxDelay)}) >= retry.base ({Durations.Format(baseDelay)})");
        }

        return new CallRetry
        {
            Attempts = fields.Integer("attempts", min: 1) ?? defaults.Attempts,
            Backoff = fields.Choice("backoff", Backoffs) switch
            {
                "constant" => BackoffKind.Constant,
                "linear" => BackoffKind.Linear,
                _ => BackoffKind.Exponential,
            },
            BaseDelay = baseDelay,
            MaxDelay = maxDelay,
            Jitter = fields.Boolean("jitter") ?? defaults.Jitter,
        };
    }

    private static CallCircuitBreaker? ReadBreaker(Fields arm)
    {
        var fields = Fields.Of(arm.Value("circuitBreaker"), arm.PathOf("circuitBreaker"), arm.Problems, BreakerFields,
            "circuit breaker options such as { failureRatio: 50%, minThroughput: 20, window: 5s, breakFor: 2s }");
        if (fields is null)
        {
            return null;
        }

        var defaults = new CallCircuitBreaker();
        return new CallCircuitBreaker
        {
            FailureRatio = fields.PositiveFraction("failureRatio") ?? defaults.FailureRatio,
            MinThroughput = fields.Integer("minThroughput", min: 2) ?? defaults.MinThroughput,
            Window = fields.Duration("window", BreakerMinimum, "the shortest window Polly samples") ?? defaults.Window,
            BreakFor = fields.Duration("breakFor", BreakerMinimum, "the shortest break Polly takes") ?? defaults.BreakFor,
        };
    }
}
