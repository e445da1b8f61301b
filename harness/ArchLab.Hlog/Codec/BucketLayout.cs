using System.Numerics;

namespace ArchLab.Hlog.Codec;

/// <summary>
/// Where HdrHistogram keeps the count of a value: the index into its counts array, computed as Java's
/// AbstractHistogram does from the three parameters every encoded histogram carries. The encoding is a list of
/// counts by index, so writer and reader must agree with every other HdrHistogram on this, not only with each other.
/// </summary>
internal sealed class BucketLayout
{
    private readonly int _unitMagnitude;
    private readonly int _subBucketHalfCountMagnitude;
    private readonly int _subBucketHalfCount;
    private readonly long _subBucketMask;
    private readonly int _leadingZeroCountBase;

    public BucketLayout(long lowestDiscernibleValue, long highestTrackableValue, int significantDigits)
    {
        if (lowestDiscernibleValue < 1 || significantDigits is < 0 or > 5 || highestTrackableValue < 2 * lowestDiscernibleValue)
        {
            throw new InvalidDataException(
                $"a histogram with lowest value {lowestDiscernibleValue}, highest {highestTrackableValue} and {significantDigits} significant digits is not valid");
        }

        var largestWithSingleUnitResolution = 2 * (long)Math.Pow(10, significantDigits);
        _unitMagnitude = BitOperations.Log2((ulong)lowestDiscernibleValue);
        var subBucketCountMagnitude = (int)Math.Ceiling(Math.Log2(largestWithSingleUnitResolution));
        _subBucketHalfCountMagnitude = Math.Max(subBucketCountMagnitude, 1) - 1;
        var subBucketCount = 1 << (_subBucketHalfCountMagnitude + 1);
        _subBucketHalfCount = subBucketCount / 2;
        _subBucketMask = (long)(subBucketCount - 1) << _unitMagnitude;
        _leadingZeroCountBase = 64 - _unitMagnitude - _subBucketHalfCountMagnitude - 1;
    }

    /// <summary>The counts-array index of a value (the value must be within the histogram's range).</summary>
    public int IndexOf(long value)
    {
        var bucket = _leadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | _subBucketMask));
        var subBucket = (int)(value >>> (bucket + _unitMagnitude));
        return ((bucket + 1) << _subBucketHalfCountMagnitude) + (subBucket - _subBucketHalfCount);
    }

    /// <summary>The lowest value counted at an index: recording it lands at the same index again.</summary>
    public long ValueAt(int index)
    {
        var bucket = (index >> _subBucketHalfCountMagnitude) - 1;
        var subBucket = (index & (_subBucketHalfCount - 1)) + _subBucketHalfCount;
        if (bucket < 0)
        {
            subBucket -= _subBucketHalfCount;
            bucket = 0;
        }

        return (long)subBucket << (bucket + _unitMagnitude);
    }
}
