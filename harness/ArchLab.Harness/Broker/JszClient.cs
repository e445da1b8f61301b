namespace ArchLab.Harness.Broker;

/// <summary>
/// Reads the broker's monitoring endpoint; for a cluster, each node's in turn until one knows the stream (a node
/// killed, stopped, paused or cut off does not answer, or holds no copy of an R1 stream).
/// </summary>
public sealed class JszClient(IReadOnlyList<string> monitoringUrls) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public JszClient(string monitoringUrl)
        : this([monitoringUrl])
    {
    }

    /// <summary>The stream's counters now; null when no node answers with the stream.</summary>
    public async Task<JszSnapshot?> ReadAsync(string stream, CancellationToken cancellationToken)
    {
        foreach (var url in monitoringUrls)
        {
            try
            {
                var json = await _http.GetStringAsync(new Uri(new Uri(url), "/jsz?accounts=true&streams=true&consumers=true"), cancellationToken);
                if (JszSnapshot.Parse(json, stream) is { } snapshot)
                {
                    return snapshot;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                // This node does not answer now: the next may.
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();
}
