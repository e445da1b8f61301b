namespace ArchLab.Harness.Broker;

/// <summary>Reads the broker's monitoring endpoint.</summary>
public sealed class JszClient(string monitoringUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(monitoringUrl), Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>The stream's counters now; null when the broker does not answer (paused, killed) or has no such stream.</summary>
    public async Task<JszSnapshot?> ReadAsync(string stream, CancellationToken cancellationToken)
    {
        try
        {
            var json = await _http.GetStringAsync("/jsz?accounts=true&streams=true&consumers=true", cancellationToken);
            return JszSnapshot.Parse(json, stream);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
