namespace ArchLab.Harness.Model.Results;

/// <summary>What the caller saw when it read its orders back, and how long the edge's read model lagged.</summary>
/// <param name="ReadAfterMs">The configured delay from the caller's answer to its read (<c>load.readAfter</c>).</param>
/// <param name="Reads">Reads of the measured window's accepted orders that got an answer.</param>
/// <param name="StaleReads">Of those, reads that found the order still <c>accepted</c> (or unknown to the model).</param>
/// <param name="FailedReads">Reads that got no answer (refused, timed out, an error status): left out of the share.</param>
/// <param name="StaleShare">StaleReads / Reads; null without a read.</param>
/// <param name="WindowMs">
/// From the caller's answer to the moment the read model first showed the order completed, over the accepted orders
/// of the measured window it showed so (0 when the answer came after: read-your-writes); null when it showed none.
/// </param>
/// <param name="NeverShown">Accepted orders of the measured window the read model never showed completed.</param>
public sealed record ArmConsistency(
    double ReadAfterMs, long Reads, long StaleReads, long FailedReads, double? StaleShare, LatencySummary? WindowMs, long NeverShown);
