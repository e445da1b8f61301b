using ArchLab.Harness.Model.Semantics;
using ArchLab.Load;

namespace ArchLab.Unit.Tests.Load;

public class ScheduleTests
{
    private static double[] Times(LoadOptions options) => [.. options.Schedule().Times()];

    [Fact]
    public void Constant_rate_gives_rate_times_duration_arrivals_evenly_spaced()
    {
        var times = Times(new LoadOptions { RatePerSec = 100, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(10) });

        Assert.Equal(1000, times.Length);
        Assert.Equal(0, times[0]);
        Assert.All(times.Zip(times.Skip(1), (a, b) => b - a), gap => Assert.Equal(0.01, gap, 1e-9));
    }

    [Fact]
    public void Warm_up_is_part_of_the_schedule_before_the_measured_window()
    {
        var times = Times(new LoadOptions { RatePerSec = 50, Warmup = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(2) });

        Assert.Equal(150, times.Length);
        Assert.Equal(50, times.Count(t => t < 1));
    }

    [Fact]
    public void Ramp_integrates_linearly_from_its_start_rate_to_the_end_rate()
    {
        var options = new LoadOptions
        {
            RampFromPerSec = 0, RatePerSec = 100, RampFor = TimeSpan.FromSeconds(10),
            Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(20),
        };
        var profile = options.RateProfile();
        var times = Times(options);

        Assert.Equal(50, profile.RateAt(5), 1e-9);
        Assert.Equal(125, profile.Integral(5), 1e-9);          // ∫0..5 of 10t dt
        Assert.Equal(500 + 1000, profile.Total, 1e-6);         // the ramp's triangle, then 10 s at 100/s
        Assert.Equal(1500, times.Length);
        Assert.InRange(times.Count(t => t < 5), 125, 126);
        Assert.InRange(times.Count(t => t >= 10 && t < 11), 100, 101);
    }

    [Fact]
    public void Seeded_poisson_is_reproducible_and_differs_across_seeds()
    {
        var options = new LoadOptions { Arrival = ArrivalProcess.Poisson, RatePerSec = 500, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(2), Seed = 7 };

        Assert.Equal(Times(options), Times(options));
        Assert.NotEqual(Times(options), Times(options with { Seed = 8 }));
    }

    [Fact]
    public void Poisson_gaps_average_one_over_the_rate_with_an_exponential_spread()
    {
        const double rate = 1000;
        var times = Times(new LoadOptions { Arrival = ArrivalProcess.Poisson, RatePerSec = rate, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(20), Seed = 42 });
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToArray();
        var mean = gaps.Average();
        var deviation = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Length);

        Assert.InRange(times.Length, 20_000 * 0.97, 20_000 * 1.03);   // ±4σ of a Poisson count
        Assert.InRange(mean, 0.97 / rate, 1.03 / rate);
        Assert.InRange(deviation / mean, 0.93, 1.07);                // an exponential's spread equals its mean
        Assert.InRange(gaps.Count(g => g < mean) / (double)gaps.Length, 0.61, 0.65); // 1 - 1/e
    }

    [Fact]
    public void Poisson_on_a_ramp_follows_the_integrated_rate()
    {
        var options = new LoadOptions
        {
            Arrival = ArrivalProcess.Poisson, RampFromPerSec = 200, RatePerSec = 2000, RampFor = TimeSpan.FromSeconds(10),
            Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(10), Seed = 3,
        };
        var times = Times(options);
        var firstHalf = times.Count(t => t < 5);   // Λ(5) = 200*5 + 180*25/2 = 3250
        var secondHalf = times.Count(t => t >= 5); // Λ(10) - Λ(5) = 11000 - 3250 = 7750

        Assert.InRange(firstHalf, 3250 - 300, 3250 + 300);
        Assert.InRange(secondHalf, 7750 - 450, 7750 + 450);
    }

    [Fact]
    public void Bursts_multiply_the_rate_inside_their_window_counted_from_the_measured_start()
    {
        var times = Times(new LoadOptions
        {
            RatePerSec = 100, Warmup = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(4),
            Bursts = [new RateWindow(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 3)],
        });

        int InSecond(double from) => times.Count(t => t >= from && t < from + 1);
        Assert.Equal(100, InSecond(2));    // measured second 1
        Assert.InRange(InSecond(3), 299, 301); // measured second 2: the burst
        Assert.InRange(InSecond(4), 99, 101);
        Assert.InRange(times.Length, 699, 701);
    }

    [Fact]
    public void A_window_with_factor_zero_pauses_the_load()
    {
        var times = Times(new LoadOptions
        {
            RatePerSec = 100, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(3),
            Bursts = [new RateWindow(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 0)],
        });

        Assert.DoesNotContain(times, t => t > 1 + 1e-9 && t < 2 - 1e-9);
        Assert.InRange(times.Length, 199, 201);
    }
}
