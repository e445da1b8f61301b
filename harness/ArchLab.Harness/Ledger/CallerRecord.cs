using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Harness.Ledger;

/// <summary>One order as the caller saw it.</summary>
/// <param name="Seq">Sequence number (ids are dense from 0).</param>
/// <param name="IntendedTimestamp">Intended send time, <c>Stopwatch</c> ticks.</param>
/// <param name="Outcome">What the caller saw.</param>
/// <param name="Warmup">Sent during the warm-up: known, but not counted.</param>
/// <param name="AnsweredTimestamp">When the caller had its answer (the acknowledgement of an accepted order), <c>Stopwatch</c> ticks; 0: not known.</param>
public readonly record struct CallerRecord(long Seq, long IntendedTimestamp, CallerOutcome Outcome, bool Warmup, long AnsweredTimestamp = 0);
