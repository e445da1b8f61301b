using System.Globalization;

namespace ArchLab.Services.Host.Styles.Rest;

/// <summary>
/// Sits inside the resilience handler, so it sees every attempt of a call: numbers it in the
/// <see cref="StepHeaders.Attempt"/> header (the step's ledger records it) and keeps the count on the
/// request, where the caller reads how many attempts a failed call took.
/// </summary>
public sealed class AttemptCounter : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<int> Key = new("archlab.attempts");

    /// <summary>Attempts made with this request so far.</summary>
    public static int AttemptsOf(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var n) ? n : 0;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = AttemptsOf(request) + 1;
        request.Options.Set(Key, attempt);
        request.Headers.Remove(StepHeaders.Attempt);
        request.Headers.Add(StepHeaders.Attempt, attempt.ToString(CultureInfo.InvariantCulture));
        return base.SendAsync(request, cancellationToken);
    }
}
