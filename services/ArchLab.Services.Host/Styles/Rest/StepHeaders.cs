namespace ArchLab.Services.Host.Styles.Rest;

/// <summary>The headers the REST edge sends with each step call.</summary>
public static class StepHeaders
{
    /// <summary>The attempt of this call, 1 for the first: what the step's ledger record carries as its attempt.</summary>
    public const string Attempt = "X-Attempt";

    /// <summary><c>&lt;orderId&gt;:&lt;role&gt;</c>: the step runs at most once per key (arm option <c>idempotencyKey</c>).</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    public static string KeyFor(string orderId, string role) => $"{orderId}:{role}";
}
