using ArchLab.Contracts.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ArchLab.Services.Host.Styles.Rest;

/// <summary>
/// The Polly pipeline of the edge's calls to one step, in the order of Microsoft's standard handler: total
/// timeout (the arm's <c>timeout</c>), retry, circuit breaker, attempt timeout. Retries what the standard
/// handler retries (5xx, 408, 429, connection errors, attempt timeouts), POST included.
/// </summary>
public static class RestResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeSpan callTimeout, CallResilience options)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = callTimeout });
        if (options.Retry is { Attempts: > 1 } retry)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = retry.Attempts - 1,
                BackoffType = retry.Backoff switch
                {
                    BackoffKind.Constant => DelayBackoffType.Constant,
                    BackoffKind.Linear => DelayBackoffType.Linear,
                    _ => DelayBackoffType.Exponential,
                },
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                UseJitter = retry.Jitter,
                // The step's answer says when to come back only under rate limiting, which no role does.
                ShouldRetryAfterHeader = false,
            });
        }

        if (options.CircuitBreaker is { } breaker)
        {
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "breaker",
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinThroughput,
                SamplingDuration = breaker.Window,
                BreakDuration = breaker.BreakFor,
            });
        }

        if (options.AttemptTimeout is { } attempt)
        {
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = attempt });
        }
    }
}
