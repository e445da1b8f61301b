using System.Diagnostics;
using ArchLab.Contracts.Workflow;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Harness.TransportArms;

/// <summary>What the NATS publish sink received of the measured window's accepted publishes.</summary>
/// <param name="Received">Accepted in the measured window and received by the sink.</param>
/// <param name="Lost">Accepted in the measured window and never received.</param>
public sealed record SinkReceipts(long Received, long Lost)
{
    /// <summary>
    /// Waits until the sink has every publish the caller saw accepted, or until nothing more arrives for a while, or
    /// until <paramref name="drain"/>; then matches the caller log against the sink's bitset, seq by seq.
    /// </summary>
    public static async Task<SinkReceipts> CollectAsync(Uri sink, string callLog, TimeSpan drain, CancellationToken cancellationToken)
    {
        // Sequence numbers only: a fast publisher's log holds millions of records.
        var measured = new List<long>();
        var warmup = new List<long>();
        foreach (var call in CallLog.Read(callLog).Where(c => c.Kind == OutcomeKind.Accepted))
        {
            (call.Warmup ? warmup : measured).Add(call.Seq);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri(sink, Transports.ReceivedPath);
        var start = Stopwatch.GetTimestamp();
        var bits = await http.GetByteArrayAsync(url, cancellationToken);
        var missing = Missing(measured, bits) + Missing(warmup, bits);
        var lastChange = Stopwatch.GetTimestamp();
        // A subscriber that is still catching up gets time; one whose count stopped moving for half a second is done.
        while (missing > 0 && Stopwatch.GetElapsedTime(start) < drain && Stopwatch.GetElapsedTime(lastChange) < TimeSpan.FromMilliseconds(500))
        {
            await Task.Delay(50, cancellationToken);
            bits = await http.GetByteArrayAsync(url, cancellationToken);
            var now = Missing(measured, bits) + Missing(warmup, bits);
            if (now != missing)
            {
                missing = now;
                lastChange = Stopwatch.GetTimestamp();
            }
        }

        var lost = Missing(measured, bits);
        return new SinkReceipts(measured.Count - lost, lost);
    }

    private static long Missing(List<long> seqs, byte[] bits) => seqs.LongCount(seq => !Has(bits, seq));

    private static bool Has(byte[] bits, long seq) => seq >= 0 && seq >> 3 < bits.Length && (bits[seq >> 3] & (1 << (int)(seq & 7))) != 0;
}
