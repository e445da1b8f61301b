using System.Text.Json;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Harness.Parts;

/// <summary>
/// The broker objects an arm uses, from nats-server's monitoring endpoint: JetStream's streams and consumers
/// (<c>/jsz</c>), and the subjects the services subscribe to (<c>/subsz</c>) with those the streams capture. The
/// server's own subscriptions (<c>$JS</c>, <c>$SYS</c>, its reply subjects <c>_R_.</c>) and the clients' reply
/// inboxes (<c>_INBOX.</c>) are plumbing, not subjects anyone chose.
/// </summary>
public static class BrokerInventory
{
    /// <summary>The objects now; null when the broker does not answer.</summary>
    public static async Task<BrokerObjects?> ReadAsync(string monitoringUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(monitoringUrl), Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            var jsz = await http.GetStringAsync("/jsz?accounts=true&streams=true&consumers=true&config=true", cancellationToken);
            var subsz = await http.GetStringAsync("/subsz?subs=1&limit=100000", cancellationToken);
            return Parse(jsz, subsz);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Counts from the two endpoints' answers.</summary>
    public static BrokerObjects Parse(string jsz, string subsz)
    {
        using var js = JsonDocument.Parse(jsz);
        using var subs = JsonDocument.Parse(subsz);
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        if (subs.RootElement.TryGetProperty("subscriptions_list", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var sub in list.EnumerateArray())
            {
                if (sub.TryGetProperty("subject", out var subject) && subject.GetString() is { } name && IsChosen(name))
                {
                    subjects.Add(name);
                }
            }
        }

        foreach (var stream in Streams(js.RootElement))
        {
            if (stream.TryGetProperty("config", out var config) && config.TryGetProperty("subjects", out var captured) && captured.ValueKind == JsonValueKind.Array)
            {
                subjects.UnionWith(captured.EnumerateArray().Select(s => s.GetString()).OfType<string>());
            }
        }

        return new BrokerObjects(Count(js.RootElement, "streams"), Count(js.RootElement, "consumers"), subjects.Count);
    }

    private static bool IsChosen(string subject) =>
        !subject.StartsWith('$') && !subject.StartsWith("_INBOX.", StringComparison.Ordinal) && !subject.StartsWith("_R_.", StringComparison.Ordinal);

    private static int Count(JsonElement root, string name) => root.TryGetProperty(name, out var n) && n.TryGetInt32(out var count) ? count : 0;

    private static IEnumerable<JsonElement> Streams(JsonElement root)
    {
        if (!root.TryGetProperty("account_details", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var account in accounts.EnumerateArray())
        {
            if (account.TryGetProperty("stream_detail", out var streams) && streams.ValueKind == JsonValueKind.Array)
            {
                foreach (var stream in streams.EnumerateArray())
                {
                    yield return stream;
                }
            }
        }
    }
}
