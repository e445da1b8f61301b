namespace ArchLab.Harness.Model.Semantics;

/// <summary>
/// The intended send times of an open-model run, in seconds from the start of the load, in order.
/// Computed lazily so a long run holds no list, yet fixed in advance: the same options give the same times. The load
/// engine sends by it and the simulator's arrivals follow it, so a simulated arm sees its measured twin's arrivals.
/// </summary>
public sealed class ArrivalSchedule
{
    private readonly RateProfile _profile;
    private readonly bool _poisson;
    private readonly int _seed;

    /// <param name="poisson">Poisson arrivals drawn from <paramref name="seed"/>; otherwise evenly spaced by the rate.</param>
    public ArrivalSchedule(RateProfile profile, bool poisson, int seed)
    {
        _profile = profile;
        _poisson = poisson;
        _seed = seed;
    }

    public RateProfile Profile => _profile;

    /// <summary>Offsets in seconds, ascending, all below <see cref="RateProfile.Length"/>.</summary>
    public IEnumerable<double> Times()
    {
        // Constant: the k-th arrival is where k arrivals are expected, so a flat 100/s gives 0, 0.01, 0.02...
        // Poisson: unit-rate exponential gaps in Λ-space, mapped back to time through Λ⁻¹.
        var random = _poisson ? new Random(_seed) : null;
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
