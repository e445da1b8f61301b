using System.Diagnostics;

namespace ArchLab.Proxy.Toxics;

/// <summary>Durations in <see cref="Stopwatch"/> ticks, the clock of every plan.</summary>
internal static class Ticks
{
    /// <summary>How far a pacing toxic (bandwidth, slicer) may fall behind the clock and then catch up in a burst: a
    /// late timer is made up for on the next chunks, but a long stall of the receiver earns no credit.</summary>
    public static readonly long CatchUp = From(TimeSpan.FromMilliseconds(5));

    public static long Now => Stopwatch.GetTimestamp();

    public static long From(TimeSpan duration) => (long)(duration.Ticks * ((double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));

    /// <summary>The time <paramref name="bytes"/> take at <paramref name="bytesPerSecond"/>.</summary>
    public static long ForBytes(long bytes, long bytesPerSecond) => (long)(bytes * ((double)Stopwatch.Frequency / bytesPerSecond));
}
