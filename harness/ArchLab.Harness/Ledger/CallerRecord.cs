namespace ArchLab.Harness.Ledger;

/// <summary>What the caller knows of one order after the run.</summary>
public enum CallerOutcome : byte
{
    /// <summary>Never sent: dropped by the generator.</summary>
    NotSent,

    /// <summary>The edge accepted it (2xx): the workflow must complete.</summary>
    Accepted,

    /// <summary>Sent, but the caller saw an error or no answer: the outcome is unknown or failed.</summary>
    NotAccepted,
}

/// <summary>One order as the caller saw it.</summary>
/// <param name="Seq">Sequence number (ids are dense from 0).</param>
/// <param name="IntendedTimestamp">Intended send time, <c>Stopwatch</c> ticks.</param>
/// <param name="Outcome">What the caller saw.</param>
/// <param name="Warmup">Sent during the warm-up: known, but not counted.</param>
public readonly record struct CallerRecord(long Seq, long IntendedTimestamp, CallerOutcome Outcome, bool Warmup);
