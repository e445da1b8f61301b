namespace ArchLab.Simulation.Queueing;

/// <summary>
/// A mean with a confidence interval by the method of batch means: the run is cut into batches long enough to be
/// nearly independent, and the batch means are treated as a sample (Student's t with batches - 1 degrees of freedom).
/// </summary>
public sealed record BatchEstimate(double Mean, double HalfWidth, int Batches)
{
    /// <summary>The confidence level of the interval. Default: 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The same batches at 99.9%: what a test uses, so that a dozen checks do not fail by chance one run in two.</summary>
    public IReadOnlyList<double> BatchMeans { get; init; } = [];

    public double Low => Mean - HalfWidth;

    public double High => Mean + HalfWidth;

    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>The interval of the batch means at 95% or 99.9% confidence.</summary>
    public static BatchEstimate Of(IReadOnlyList<double> batchMeans, double confidence = 0.95)
    {
        var n = batchMeans.Count;
        if (n < 2)
        {
            throw new ArgumentException("batch means need at least two batches", nameof(batchMeans));
        }

        var mean = batchMeans.Average();
        var variance = batchMeans.Sum(x => (x - mean) * (x - mean)) / (n - 1);
        var t = confidence switch
        {
            0.95 => StudentT975(n - 1),
            0.999 => StudentT9995(n - 1),
            _ => throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "0.95 or 0.999"),
        };
        return new BatchEstimate(mean, t * Math.Sqrt(variance / n), n) { Confidence = confidence, BatchMeans = [.. batchMeans] };
    }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Mean:G5} ± {HalfWidth:G3}");

    /// <summary>This estimate's batches at another confidence level.</summary>
    public BatchEstimate At(double confidence) => Of(BatchMeans, confidence);

    // Two-sided 99.9% quantiles of Student's t (0.9995 one-sided).
    private static double StudentT9995(int df) => df switch
    {
        < 9 => throw new ArgumentOutOfRangeException(nameof(df), df, "99.9% intervals need at least 10 batches"),
        9 => 4.781, 10 => 4.587, 11 => 4.437, 12 => 4.318, 13 => 4.221, 14 => 4.140, 15 => 4.073, 16 => 4.015,
        17 => 3.965, 18 => 3.922, 19 => 3.883, 20 => 3.850, < 30 => 3.85, _ => 3.29,
    };

    // Two-sided 95% quantiles of Student's t; beyond 30 degrees of freedom the normal's 1.96 is close enough.
    private static double StudentT975(int df) => df switch
    {
        1 => 12.706, 2 => 4.303, 3 => 3.182, 4 => 2.776, 5 => 2.571, 6 => 2.447, 7 => 2.365, 8 => 2.306, 9 => 2.262,
        10 => 2.228, 11 => 2.201, 12 => 2.179, 13 => 2.160, 14 => 2.145, 15 => 2.131, 16 => 2.120, 17 => 2.110,
        18 => 2.101, 19 => 2.093, 20 => 2.086, 24 => 2.064, < 30 => 2.06, _ => 1.96,
    };
}
