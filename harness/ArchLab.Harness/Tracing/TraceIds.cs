using ArchLab.Contracts.Messages;

namespace ArchLab.Harness.Tracing;

/// <summary>
/// The trace of an order, as the caller starts it: the trace id is the order id (nonce, eight zero digits, sequence
/// number, in hexadecimal), so that a reader finds an order's trace in any tool by its id, and the caller's own span
/// id is the sequence number under a fixed prefix. The caller sends them as a W3C <c>traceparent</c> header.
/// </summary>
public static class TraceIds
{
    private const ulong CallerPrefix = 0xCA11E70000000000UL;
    private const ulong SequenceMask = 0x000000FFFFFFFFFFUL;

    /// <summary>The 32 hexadecimal digits of <paramref name="id"/>'s trace.</summary>
    public static string TraceOf(OrderId id) => $"{id.Nonce:x8}00000000{id.Seq:x16}";

    /// <summary>The span id of the caller's request for order <paramref name="seq"/>: never zero.</summary>
    public static ulong CallerSpanOf(long seq) => CallerPrefix | ((ulong)seq & SequenceMask);

    /// <summary>The <c>traceparent</c> header of the caller's request for <paramref name="id"/>: sampled.</summary>
    public static string TraceparentOf(OrderId id) => $"00-{TraceOf(id)}-{CallerSpanOf(id.Seq):x16}-01";
}
