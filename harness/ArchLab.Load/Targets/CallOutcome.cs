namespace ArchLab.Load.Targets;

/// <summary>The outcome of one request; <paramref name="StatusCode"/> is the protocol's code when there is one, else 0.</summary>
public readonly record struct CallOutcome(OutcomeKind Kind, int StatusCode = 0)
{
    public static CallOutcome Accepted(int statusCode = 0) => new(OutcomeKind.Accepted, statusCode);

    public static CallOutcome Rejected(int statusCode) => new(OutcomeKind.Rejected, statusCode);

    public static readonly CallOutcome Timeout = new(OutcomeKind.Timeout);

    public static readonly CallOutcome Refused = new(OutcomeKind.Refused);

    public static readonly CallOutcome Failed = new(OutcomeKind.Failed);
}
