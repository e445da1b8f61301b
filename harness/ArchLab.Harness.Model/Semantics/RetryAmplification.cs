namespace ArchLab.Harness.Model.Semantics;

/// <summary>
/// Retry amplification: attempts per completed step. Over the measured orders that were sent (accepted or not), the
/// step attempts that ran (effects plus failed attempts, the edge left out) divided by the (order, step) pairs that
/// reached an effect. 1 when every step ran once; a retry, a redelivery or a duplicate effect raises it. Attempts
/// that never reached a step (refused, timed out in a queue) leave no trace in a ledger and are not counted.
/// </summary>
public sealed class RetryAmplification
{
    private long _attempts;
    private long _completedSteps;

    public void Add(ReadOnlySpan<byte> effects, ReadOnlySpan<byte> failedAttempts)
    {
        foreach (var count in effects)
        {
            _attempts += count;
            _completedSteps += count > 0 ? 1 : 0;
        }

        foreach (var count in failedAttempts)
        {
            _attempts += count;
        }
    }

    /// <summary>Null when no step of any measured order reached an effect.</summary>
    public double? Value => _completedSteps == 0 ? null : Math.Round((double)_attempts / _completedSteps, 4);
}
