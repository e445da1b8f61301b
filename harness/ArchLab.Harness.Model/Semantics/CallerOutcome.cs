namespace ArchLab.Harness.Model.Semantics;

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
