using ArchLab.Harness.Broker;

namespace ArchLab.Unit.Tests.Broker;

/// <summary>
/// A replicated stream's counters from a cluster: the stream's from its leader, each consumer's from the node that
/// leads that consumer. After a failover the two need not be one node, and a follower's copy of a consumer counted
/// no delivery pending its ack while the consumer's leader held one out.
/// </summary>
public sealed class JszSnapshotTests
{
    private static string Node(string streamLeader, long ackPending, string consumerLeader) => $$"""
        { "account_details": [ { "stream_detail": [ {
            "name": "ORDERS",
            "cluster": { "leader": "{{streamLeader}}" },
            "state": { "messages": 10, "last_seq": 10 },
            "consumer_detail": [ {
              "name": "inventory", "num_pending": 0, "num_ack_pending": {{ackPending}}, "num_redelivered": 0,
              "cluster": { "leader": "{{consumerLeader}}" },
              "delivered": { "stream_seq": 10 }, "ack_floor": { "stream_seq": {{10 - ackPending}} } } ] } ] } ] }
        """;

    [Fact]
    public void Each_consumer_is_read_from_its_own_leader()
    {
        // n1 leads the stream and holds a follower's copy of the consumer; n2 leads the consumer.
        var n1 = JszSnapshot.Parse(Node("n1", 0, "n2"), "ORDERS")!;
        var n2 = JszSnapshot.Parse(Node("n1", 1, "n2"), "ORDERS")!;

        Assert.Equal("n2", n1.Consumers.Single().Leader);
        Assert.Equal(0, n1.Backlog);
        var merged = n1.WithConsumersFrom(new Dictionary<string, JszSnapshot> { ["n1"] = n1, ["n2"] = n2 });

        Assert.Equal(1, merged.Backlog);
        Assert.Equal(9, merged.Consumers.Single().AckFloorStreamSeq);
        Assert.Equal(10, merged.StreamMessages);
    }

    [Fact]
    public void A_consumer_whose_leader_did_not_answer_keeps_the_stream_leaders_reading()
    {
        var n1 = JszSnapshot.Parse(Node("n1", 2, "n3"), "ORDERS")!;

        Assert.Equal(2, n1.WithConsumersFrom(new Dictionary<string, JszSnapshot> { ["n1"] = n1 }).Backlog);
    }

    [Theory]
    [InlineData("\"2026-12-07T23:59:58.123456789Z\"", "2026-12-07T23:59:58.1234567+00:00")] // the server's nanoseconds, to .NET's ticks
    [InlineData("\"0001-01-01T00:00:00Z\"", null)] // an empty stream's
    [InlineData("null", null)]
    public void The_stream_s_newest_message_is_dated_by_the_server(string lastTs, string? expected)
    {
        var json = Node("n1", 0, "n1").Replace("\"last_seq\": 10", $"\"last_seq\": 10, \"last_ts\": {lastTs}", StringComparison.Ordinal);

        var snapshot = JszSnapshot.Parse(json, "ORDERS")!;

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), snapshot.LastStored);
    }
}
