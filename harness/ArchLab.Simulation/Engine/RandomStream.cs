using System.Runtime.CompilerServices;

namespace ArchLab.Simulation.Engine;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded by SplitMix64 from the run's seed and the component's name, so every
/// component draws from a stream of its own: adding a component or an event elsewhere does not shift its draws.
/// </summary>
public sealed class RandomStream : IUniformSource
{
    private ulong _s0, _s1, _s2, _s3;

    public RandomStream(long seed, string component)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ Fnv1a(component);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong()
    {
        var result = BitRotate(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Exponential with the given mean; 1 - U keeps the logarithm finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Standard normal by Box-Muller (one of the pair is dropped: simplicity over speed here).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // string.GetHashCode is randomised per process: a stable hash keeps runs reproducible across processes.
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
