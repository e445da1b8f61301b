namespace ArchLab.Proxy.Toxics;

/// <summary>What happens next to the chunk at the head of a direction's queue.</summary>
internal enum PlanOutcome
{
    /// <summary>Write <see cref="ChunkPlan.Bytes"/> bytes at <see cref="ChunkPlan.At"/>.</summary>
    Send,

    /// <summary>Keep the chunk until the toxics change (a black hole).</summary>
    Hold,

    /// <summary>Close the connection now, without writing.</summary>
    Close,

    /// <summary>Reset the connection (RST) at <see cref="ChunkPlan.At"/>, without writing.</summary>
    Reset,
}

/// <summary>
/// The plan for the chunk at the head of a direction's queue, worked out by the toxics in chain order. Each toxic may
/// lower <see cref="Bytes"/> (slice), raise <see cref="At"/> (delay) or stop the chunk; all of them run again whenever
/// the toxics change before the bytes go out, so a change applies to a waiting chunk at once. Times are
/// <see cref="System.Diagnostics.Stopwatch"/> ticks.
/// </summary>
internal struct ChunkPlan
{
    /// <summary>When the plan is made; at commit, when the bytes went out.</summary>
    public long Now;

    /// <summary>When the chunk was read from the socket.</summary>
    public long Stamp;

    /// <summary>The end of the stream (the sender's FIN) rather than data.</summary>
    public bool IsEnd;

    /// <summary>How many of the chunk's remaining bytes go out next.</summary>
    public int Bytes;

    /// <summary>When they go out. A toxic reads it as the time the bytes reached it.</summary>
    public long At;

    public PlanOutcome Outcome;

    /// <summary>Set at commit by a toxic that ends the connection once these bytes are out (limit_data).</summary>
    public bool CloseAfter;

    /// <summary>This direction's random numbers (jitter, slice sizes).</summary>
    public Random Random;
}
