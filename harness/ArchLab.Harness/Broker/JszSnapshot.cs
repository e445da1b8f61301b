using System.Text.Json;

namespace ArchLab.Harness.Broker;

/// <summary>The broker's own counters for one stream, read from <c>/jsz</c>: an oracle independent of the ledger check (docs/results.md, reconciliation).</summary>
public sealed record JszSnapshot(long StreamMessages, ulong StreamLastSeq, IReadOnlyList<ConsumerCounters> Consumers)
{
    /// <summary>The server that leads the stream as the answering node sees it (a cluster's; null for a server alone).</summary>
    public string? Leader { get; init; }

    /// <summary>When the stream's newest message was stored, by the server's clock; null where it said none.</summary>
    public DateTimeOffset? LastStored { get; init; }

    /// <summary>Messages stored but not yet acknowledged, summed over consumers (pending + ack pending).</summary>
    public long Backlog => Consumers.Sum(c => c.NumPending + c.NumAckPending);

    /// <summary>Parses a <c>/jsz?accounts=true&amp;streams=true&amp;consumers=true</c> answer; null when the stream is not in it.</summary>
    public static JszSnapshot? Parse(string json, string stream)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("account_details", out var accounts))
        {
            return null;
        }

        foreach (var account in accounts.EnumerateArray())
        {
            if (!account.TryGetProperty("stream_detail", out var streams))
            {
                continue;
            }

            foreach (var detail in streams.EnumerateArray())
            {
                if (detail.GetProperty("name").GetString() != stream)
                {
                    continue;
                }

                var state = detail.GetProperty("state");
                var consumers = new List<ConsumerCounters>();
                if (detail.TryGetProperty("consumer_detail", out var list))
                {
                    consumers.AddRange(list.EnumerateArray().Select(c => new ConsumerCounters(
                        c.GetProperty("name").GetString() ?? "",
                        Long(c, "num_pending"),
                        Long(c, "num_ack_pending"),
                        Long(c, "num_redelivered"),
                        c.TryGetProperty("delivered", out var delivered) ? Long(delivered, "stream_seq") : 0,
                        c.TryGetProperty("ack_floor", out var floor) ? Long(floor, "stream_seq") : 0)
                    {
                        Leader = LeaderOf(c),
                    }));
                }

                return new JszSnapshot(Long(state, "messages"), (ulong)Long(state, "last_seq"), consumers)
                {
                    Leader = LeaderOf(detail),
                    LastStored = state.TryGetProperty("last_ts", out var stamp) && stamp.ValueKind == JsonValueKind.String && stamp.TryGetDateTimeOffset(out var at) && at.Year > 1 ? at : null,
                };
            }
        }

        return null;
    }

    private static string? LeaderOf(JsonElement detail) =>
        detail.TryGetProperty("cluster", out var cluster) && cluster.TryGetProperty("leader", out var leader) ? leader.GetString() : null;

    /// <summary>
    /// These counters with each consumer's taken from the node that leads that consumer, where it answered: a consumer
    /// of a replicated stream has a leader of its own, not always the stream's, and a follower's copy of it counts no
    /// delivery as pending an ack (after a failover, the stream's leader said 0 while the consumer's leader held one
    /// delivery out until its ack wait).
    /// </summary>
    public JszSnapshot WithConsumersFrom(IReadOnlyDictionary<string, JszSnapshot> byNode) => this with
    {
        Consumers = [.. Consumers.Select(c => c.Leader is { } name && byNode.TryGetValue(name, out var node)
            && node.Consumers.FirstOrDefault(o => o.Name == c.Name) is { } own ? own : c)],
    };

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;
}

/// <summary>One consumer's counters.</summary>
public sealed record ConsumerCounters(string Name, long NumPending, long NumAckPending, long NumRedelivered, long DeliveredStreamSeq, long AckFloorStreamSeq)
{
    /// <summary>The server that leads this consumer as the answering node sees it (a cluster's; null for a server alone).</summary>
    public string? Leader { get; init; }
}
