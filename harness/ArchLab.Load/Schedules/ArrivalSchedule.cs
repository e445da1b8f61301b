using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Load.Schedules;

/// <summary>
/// The intended send times of an open-model run, in seconds from the start of the load, in order.
/// Computed lazily so a long run holds no list, yet fixed in advance: the same options give the same times.
/// </summary>
public sealed class ArrivalSchedule
{
    private readonly RateProfile _profile;
    private readonly ArrivalProcess _arrival;
    private readonly int _seed;

    public ArrivalSchedule(RateProfile profile, ArrivalProcess arrival, int seed)
    {
        _profile = profile;
        _arrival = arrival;
        _seed = seed;
    }

    public static ArrivalSchedule From(LoadOptions options) => new(options.RateProfile(), options.Arrival, options.Seed);

    public RateProfile Profile => _profile;

    /// <summary>Offsets in seconds, ascending, all below <see cref="RateProfile.Length"/>.</summary>
    public IEnumerable<double> Times()
    {
        // Constant: the k-th arrival is where k arrivals are expected, so a flat 100/s gives 0, 0.01, 0.02...
        // Poisson: unit-rate exponential gaps in Λ-space, mapped back to time through Λ⁻¹.
        var random = _arrival == ArrivalProcess.Poisson ? new Random(_seed) : null;
        double y = 0;
        for (long k = 0; ; k++)
        {
            if (random is null)
            {
                y = k;
            }
            else
            {
                y += -Math.Log(1 - random.NextDouble());
            }

            var t = _profile.Inverse(y);
            if (!(t < _profile.Length))
            {
                yield break;
            }

            yield return t;
        }
    }
}
