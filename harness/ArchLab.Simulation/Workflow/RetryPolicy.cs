using ArchLab.Contracts.Hosting;
using ArchLab.Simulation.Engine;

namespace ArchLab.Simulation.Workflow;

/// <summary>How a retry delay is randomised.</summary>
public enum Jitter
{
    /// <summary>The delay as computed.</summary>
    None,

    /// <summary>Uniform in [0, d] (AWS's "full jitter").</summary>
    Full,

    /// <summary>d/2 plus uniform in [0, d/2] (AWS's "equal jitter").</summary>
    Equal,

    /// <summary>Uniform in [base, 3 × previous delay], capped (AWS's "decorrelated jitter"); Polly's exponential jitter is of this family.</summary>
    Decorrelated,

    /// <summary>d × uniform in [0.75, 1.25]: Polly's jitter for constant and linear backoff.</summary>
    Proportional,
}

/// <summary>Attempts, backoff and jitter of a synchronous call (seconds).</summary>
public sealed record RetryPolicy(int Attempts, BackoffKind Backoff, double BaseSeconds, double MaxSeconds, Jitter Jitter)
{
    public static RetryPolicy None { get; } = new(1, BackoffKind.Constant, 0, 0, Jitter.None);

    /// <summary>The policy of a scenario's <c>retry:</c>; its <c>jitter: true</c> means Polly's jitter for the backoff kind.</summary>
    public static RetryPolicy From(CallRetry? retry) => retry is null ? None : new(
        retry.Attempts,
        retry.Backoff,
        retry.BaseDelay.TotalSeconds,
        retry.MaxDelay.TotalSeconds,
        !retry.Jitter ? Jitter.None : retry.Backoff == BackoffKind.Exponential ? Jitter.Decorrelated : Jitter.Proportional);

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first), given the previous delay.</summary>
    public double Delay(int retry, double previous, RandomStream random)
    {
        var d = Backoff switch
        {
            BackoffKind.Constant => BaseSeconds,
            BackoffKind.Linear => BaseSeconds * retry,
            _ => BaseSeconds * Math.Pow(2, retry - 1),
        };
        d = Math.Min(d, MaxSeconds);
        var jittered = Jitter switch
        {
            Jitter.Full => d * random.NextDouble(),
            Jitter.Equal => (d / 2) + (d / 2 * random.NextDouble()),
            Jitter.Decorrelated => BaseSeconds + ((Math.Max(BaseSeconds, previous * 3) - BaseSeconds) * random.NextDouble()),
            Jitter.Proportional => d * (0.75 + (0.5 * random.NextDouble())),
            _ => d,
        };
        return Math.Min(jittered, MaxSeconds);
    }
}
