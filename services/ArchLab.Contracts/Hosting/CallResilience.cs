namespace ArchLab.Contracts.Hosting;

/// <summary>
/// How the edge of a <c>rest</c> arm calls each step: the total timeout of a call lives in
/// <see cref="ServiceOptions.CallTimeout"/>; everything here is off by default (one attempt, no breaker).
/// Read by a Polly pipeline in the order of Microsoft's standard handler: total timeout, retry, circuit
/// breaker, attempt timeout.
/// </summary>
public sealed record CallResilience
{
    /// <summary>One attempt, no breaker, no key: the plain synchronous call.</summary>
    public static CallResilience None { get; } = new();

    /// <summary>Retries of a failed attempt; null: no retry. Default: null.</summary>
    public CallRetry? Retry { get; init; }

    /// <summary>Timeout of each attempt (Polly needs at least 10ms); null: only the total timeout. Default: null.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>Circuit breaker per downstream role; null: none. Default: null.</summary>
    public CallCircuitBreaker? CircuitBreaker { get; init; }

    /// <summary>Send <c>Idempotency-Key: &lt;orderId&gt;:&lt;role&gt;</c>, which the step honours with its inbox. Default: false.</summary>
    public bool IdempotencyKey { get; init; }
}

/// <summary>How the delay between two attempts grows.</summary>
public enum BackoffKind
{
    /// <summary>Always the base delay.</summary>
    Constant,

    /// <summary>Base delay times the retry number.</summary>
    Linear,

    /// <summary>Base delay doubled at each retry.</summary>
    Exponential,
}

/// <summary>
/// Retries of a step call. Retried, as by Microsoft's standard handler: 5xx, 408, 429, connection errors and
/// attempt timeouts, whatever the method: retrying a POST that is not idempotent is what the idempotency
/// scenario shows.
/// </summary>
public sealed record CallRetry
{
    /// <summary>Attempts in all, the first included (1 means no retry). Default: 3.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>How the delay grows. Default: exponential.</summary>
    public BackoffKind Backoff { get; init; } = BackoffKind.Exponential;

    /// <summary>Delay before the first retry. Default: 100ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>No delay is longer than this. Default: 2s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Randomise each delay (Polly's jitter: decorrelated for exponential, ±25% otherwise) so that callers do not retry in step. Default: true.</summary>
    public bool Jitter { get; init; } = true;
}

/// <summary>
/// A circuit breaker per downstream role: when the share of failed attempts in the sampling window reaches
/// <see cref="FailureRatio"/> over at least <see cref="MinThroughput"/> attempts, calls fail at once for
/// <see cref="BreakFor"/>. The defaults are Polly's.
/// </summary>
public sealed record CallCircuitBreaker
{
    /// <summary>Share of failed attempts that opens the circuit, 0..1. Default: 0.1.</summary>
    public double FailureRatio { get; init; } = 0.1;

    /// <summary>Attempts in the window before the ratio counts (at least 2). Default: 100.</summary>
    public int MinThroughput { get; init; } = 100;

    /// <summary>The sampling window (at least 500ms). Default: 30s.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open (at least 500ms). Default: 5s.</summary>
    public TimeSpan BreakFor { get; init; } = TimeSpan.FromSeconds(5);
}
