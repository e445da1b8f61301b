using System.Diagnostics;
using ArchLab.Contracts.Messages;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Simulation.Calibration;

/// <summary>
/// The two legs of an order between the caller and the workflow, from the caller's log and the ledgers: the way in
/// (sent until the edge wrote its effect: the request's transport and the edge's own work) and the way back (from the
/// point the edge answers at until the caller had the answer: after the last step's effect where the edge answers on
/// completion, after the edge's own effect otherwise, which then holds the publish and the broker's acknowledgement).
/// Without them a simulated accept is the chain alone: an event style's accept 0 ms, a synchronous one short by the
/// round trip the caller pays on loopback, about a millisecond here.
/// </summary>
/// <param name="In">Seconds from sent to the edge's effect, by order.</param>
/// <param name="Back">Seconds from the answer point to the caller's answer, by order.</param>
/// <param name="Send">Seconds from intended to sent, by order: the load engine's own lateness, which a corrected
/// latency counts (on a busy machine its p99 reached 6 ms at 250 orders/s, and the accept p50 from the intended time
/// stood 0.56 ms above the one from the send).</param>
public sealed record CallerHops(IReadOnlyDictionary<OrderId, double> In, IReadOnlyDictionary<OrderId, double> Back, IReadOnlyDictionary<OrderId, double> Send)
{
    /// <summary>
    /// The hops of the orders the caller saw accepted whose every effect was a first attempt (no retry's wait in them),
    /// among <paramref name="orders"/>; null when the call log is missing or no order qualifies.
    /// </summary>
    /// <param name="effects">Each role's first-attempt effect time per order, the edge's included.</param>
    public static CallerHops? From(
        string callLog, IReadOnlyDictionary<string, Dictionary<OrderId, long>> effects, string edge, bool answersOnCompletion, HashSet<OrderId> orders)
    {
        if (!File.Exists(callLog))
        {
            return null;
        }

        var bySeq = new Dictionary<long, OrderId>();
        foreach (var order in orders)
        {
            bySeq.TryAdd(order.Seq, order);
        }

        Dictionary<OrderId, double> ways = [], backs = [], sends = [];
        foreach (var call in CallLog.Read(callLog))
        {
            if (call.Kind != OutcomeKind.Accepted || call.Sent == 0 || !bySeq.TryGetValue(call.Seq, out var id)
                || !effects[edge].TryGetValue(id, out var edgeAt) || edgeAt < call.Sent)
            {
                continue;
            }

            long answerAt = edgeAt;
            if (answersOnCompletion)
            {
                foreach (var (role, times) in effects)
                {
                    if (role != edge)
                    {
                        if (!times.TryGetValue(id, out var at))
                        {
                            answerAt = long.MinValue;
                            break;
                        }

                        answerAt = Math.Max(answerAt, at);
                    }
                }
            }

            if (answerAt == long.MinValue || call.Done < answerAt)
            {
                continue;
            }

            ways.TryAdd(id, (edgeAt - call.Sent) / (double)Stopwatch.Frequency);
            backs.TryAdd(id, (call.Done - answerAt) / (double)Stopwatch.Frequency);
            sends.TryAdd(id, Math.Max(0, call.Sent - call.Intended) / (double)Stopwatch.Frequency);
        }

        return ways.Count == 0 ? null : new CallerHops(ways, backs, sends);
    }
}
