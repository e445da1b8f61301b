using System.Text;
using ArchLab.Contracts.Messages;

namespace ArchLab.Harness.Load;

/// <summary>
/// The body of each order the caller sends: <c>{"id":"1a2b3c4d-42","payload":"xxxx"}</c>, padded so that
/// the whole body has the scenario's payload size (never less than what the id needs).
/// </summary>
public static class OrderBodies
{
    public static Func<long, ReadOnlyMemory<byte>> Create(uint nonce, long payloadBytes)
    {
        // Sized for the longest id (19 digits), so every body of a run has the same length or close to it.
        var overhead = Encoding.UTF8.GetByteCount(Format(new OrderId(nonce, long.MaxValue), ""));
        var filler = new string('x', (int)Math.Max(0, payloadBytes - overhead));
        return seq => Encoding.UTF8.GetBytes(Format(new OrderId(nonce, seq), filler));
    }

    private static string Format(OrderId id, string filler) => $$"""{"id":"{{id}}","payload":"{{filler}}"}""";
}
