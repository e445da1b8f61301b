namespace ArchLab.Harness.Broker;

/// <summary>
/// Reads the broker's monitoring endpoint. For a cluster it reads every node and takes the counters of the node that
/// leads the stream by its own account (a follower's may lag), else the first node that knows the stream: a node killed,
/// stopped, paused or cut off does not answer, or holds no copy. Each consumer's counters come from the node that leads
/// that consumer, which need not be the stream's leader.
/// </summary>
public sealed class JszClient(IReadOnlyList<(string Url, string? Name)> nodes) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public JszClient(string monitoringUrl)
        : this([(monitoringUrl, null)])
    {
    }

    /// <summary>The stream's counters now; null when no node answers with the stream.</summary>
    public async Task<JszSnapshot?> ReadAsync(string stream, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(nodes.Select(async node => (node.Name, Snapshot: await ReadOneAsync(node.Url, stream, cancellationToken))));
        var known = answers.Where(a => a.Snapshot is not null).ToList();
        var leading = known.FirstOrDefault(a => a.Name is not null && a.Snapshot!.Leader == a.Name).Snapshot ?? known.FirstOrDefault().Snapshot;
        return leading?.WithConsumersFrom(known.Where(a => a.Name is not null).ToDictionary(a => a.Name!, a => a.Snapshot!));
    }

    private async Task<JszSnapshot?> ReadOneAsync(string url, string stream, CancellationToken cancellationToken)
    {
        try
        {
            var json = await _http.GetStringAsync(new Uri(new Uri(url), "/jsz?accounts=true&streams=true&consumers=true"), cancellationToken);
            return JszSnapshot.Parse(json, stream);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            // This node does not answer now: another may.
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
