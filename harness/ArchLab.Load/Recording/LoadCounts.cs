namespace ArchLab.Load.Recording;

/// <summary>
/// Request counts. They always add up: <c>Offered == Sent + DroppedByGenerator</c> and
/// <c>Sent == Accepted + Errors</c> once every request has ended.
/// </summary>
public sealed record LoadCounts(long Offered, long Sent, long Accepted, long Errors, long DroppedByGenerator);
