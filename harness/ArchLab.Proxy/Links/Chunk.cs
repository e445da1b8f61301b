namespace ArchLab.Proxy.Links;

/// <summary>Bytes read from one side, queued for the other in a pooled buffer; no buffer marks the end of the stream.
/// <see cref="Stamp"/> is when they were read (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
internal readonly record struct Chunk(byte[]? Buffer, int Length, long Stamp)
{
    public bool IsEnd => Buffer is null;

    public static Chunk End(long stamp) => new(null, 0, stamp);
}
