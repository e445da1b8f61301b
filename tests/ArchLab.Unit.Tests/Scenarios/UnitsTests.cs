using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

public class UnitsTests
{
    [Theory]
    [InlineData("250us", 2_500)]
    [InlineData("5ms", 50_000)]
    [InlineData("0.5ms", 5_000)]
    [InlineData("1.5s", 15_000_000)]
    [InlineData(".5s", 5_000_000)]
    [InlineData("2m", 1_200_000_000)]
    [InlineData("1h", 36_000_000_000)]
    [InlineData("0s", 0)]
    [InlineData(" 5 ms ", 50_000)]
    [InlineData("0.00001ms", 0)]
    [InlineData("0.00005ms", 1)]
    [InlineData("1e3ms", 10_000_000)]
    [InlineData("2.5E-1s", 2_500_000)]
    public void Durations_are_read_to_the_tick(string text, long ticks)
    {
        Assert.True(Units.TryParseDuration(text, out var value, out var error), error);
        Assert.Equal(ticks, value.Ticks);
    }

    [Theory]
    [InlineData("5", "expected a duration with a unit (us, ms, s, m, h), got '5'")]
    [InlineData("5sec", "expected a duration with a unit (us, ms, s, m, h), got '5sec'")]
    [InlineData("5MS", "expected a duration with a unit (us, ms, s, m, h), got '5MS'")]
    [InlineData("1m30s", "expected a duration with a unit (us, ms, s, m, h), got '1m30s'")]
    [InlineData("1,5s", "expected a duration with a unit (us, ms, s, m, h), got '1,5s'")]
    [InlineData("ms", "expected a duration with a unit (us, ms, s, m, h), got 'ms'")]
    [InlineData("", "expected a duration with a unit (us, ms, s, m, h), got nothing")]
    [InlineData("-1s", "expected a duration with a unit (us, ms, s, m, h) >= 0, got '-1s'")]
    [InlineData("99999999999h", "expected a duration with a unit (us, ms, s, m, h) of at most 10675199 days, got '99999999999h'")]
    public void Durations_without_a_known_unit_are_refused(string text, string expected)
    {
        Assert.False(Units.TryParseDuration(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("200/s", 200)]
    [InlineData("12000/m", 200)]
    [InlineData("36/h", 0.01)]
    [InlineData("0.5/s", 0.5)]
    [InlineData("0/s", 0)]
    [InlineData("1e4/s", 10_000)]
    [InlineData("1e12/s", 1e12)]
    public void Rates_are_read_per_second(string text, double perSecond)
    {
        Assert.True(Units.TryParseRate(text, out var value, out var error), error);
        Assert.Equal(perSecond, value.PerSec, 12);
    }

    [Theory]
    [InlineData("200")]
    [InlineData("200/sec")]
    [InlineData("200/min")]
    [InlineData("200 per s")]
    [InlineData("/s")]
    public void Rates_without_a_known_unit_are_refused(string text)
    {
        Assert.False(Units.TryParseRate(text, out _, out var error));
        Assert.Equal($"expected a rate with a unit (/s, /m, /h), got '{text}'", error);
    }

    [Fact]
    public void A_number_past_what_a_quantity_can_hold_is_called_too_large()
    {
        Assert.False(Units.TryParseRate("1e40/s", out _, out var error));
        Assert.Equal("expected a rate with a unit (/s, /m, /h), got '1e40/s': the number is too large", error);
    }

    [Theory]
    [InlineData("512B", 512)]
    [InlineData("0B", 0)]
    [InlineData("4KB", 4_000)]
    [InlineData("4KiB", 4_096)]
    [InlineData("1.5KB", 1_500)]
    [InlineData("2MB", 2_000_000)]
    [InlineData("2MiB", 2_097_152)]
    [InlineData("1GB", 1_000_000_000)]
    [InlineData("1GiB", 1_073_741_824)]
    public void Sizes_tell_decimal_from_binary_units(string text, long bytes)
    {
        Assert.True(Units.TryParseSize(text, out var value, out var error), error);
        Assert.Equal(bytes, value.Bytes);
    }

    [Theory]
    [InlineData("512", "expected a size with a unit (B, KB, KiB, MB, MiB, GB, GiB), got '512'")]
    [InlineData("512b", "expected a size with a unit (B, KB, KiB, MB, MiB, GB, GiB), got '512b'")]
    [InlineData("4kb", "expected a size with a unit (B, KB, KiB, MB, MiB, GB, GiB), got '4kb'")]
    [InlineData("1.5B", "expected a whole number of bytes, got '1.5B' (1.5 bytes)")]
    [InlineData("1.0001KiB", "expected a whole number of bytes, got '1.0001KiB' (1024.1024 bytes)")]
    public void Sizes_must_be_whole_bytes_with_a_unit(string text, string expected)
    {
        Assert.False(Units.TryParseSize(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Factors_percentages_and_bandwidths_have_their_own_units()
    {
        Assert.True(Units.TryParseFactor("2.5x", out var factor, out _));
        Assert.Equal(2.5, factor);
        Assert.True(Units.TryParseFraction("20%", out var percent, out _));
        Assert.Equal(0.2, percent, 12);
        Assert.True(Units.TryParseFraction("0.25", out var fraction, out _));
        Assert.Equal(0.25, fraction);
        Assert.True(Units.TryParseBandwidth("2MB/s", out var kilobytes, out _));
        Assert.Equal(2000, kilobytes);

        Assert.False(Units.TryParseFactor("3", out _, out var noX));
        Assert.Equal("expected a factor such as 3x, got '3'", noX);
        Assert.False(Units.TryParseFraction("20", out _, out var tooBig));
        Assert.Equal("expected a percentage from 0% to 100% (or a fraction from 0 to 1), got '20'", tooBig);
        Assert.False(Units.TryParseBandwidth("1.5KB/s", out _, out var partial));
        Assert.Equal("expected a whole number of KB/s, got '1.5KB/s'", partial);
    }

    [Theory]
    [InlineData("fixed(5ms)", ServiceTimeKind.Fixed, 5, 0, 0)]
    [InlineData("fixed(0s)", ServiceTimeKind.Fixed, 0, 0, 0)]
    [InlineData("exp(2ms)", ServiceTimeKind.Exponential, 2, 0, 0)]
    [InlineData("lognormal(5ms, 0.5)", ServiceTimeKind.LogNormal, 5, 0, 0.5)]
    [InlineData("uniform( 1ms ,9ms )", ServiceTimeKind.Uniform, 1, 9, 0)]
    public void Service_times_read_each_distribution(string text, ServiceTimeKind kind, double scaleMs, double maxMs, double sigma)
    {
        Assert.True(Units.TryParseServiceTime(text, out var value, out var error), error);
        Assert.Equal(new ServiceTime(kind, TimeSpan.FromMilliseconds(scaleMs), TimeSpan.FromMilliseconds(maxMs), sigma), value);
    }

    [Theory]
    [InlineData("2ms", "expected a service time: fixed(d), exp(mean), lognormal(median, sigma) or uniform(min, max), got '2ms'")]
    [InlineData("gaus(2ms)", "unknown distribution 'gaus'; expected one of fixed, exp, lognormal, uniform")]
    [InlineData("fixd(2ms)", "unknown distribution 'fixd'; expected one of fixed, exp, lognormal, uniform; did you mean 'fixed'?")]
    [InlineData("exp(2ms, 3ms)", "expected exp(mean), got 'exp(2ms, 3ms)'")]
    [InlineData("exp(0s)", "in exp(mean): expected a mean > 0, got '0s'")]
    [InlineData("exp(2)", "in exp(mean): expected a duration with a unit (us, ms, s, m, h), got '2'")]
    [InlineData("lognormal(5ms, 1ms)", "in lognormal(median, sigma): expected sigma as a number >= 0 (no unit), got '1ms'")]
    [InlineData("uniform(9ms, 1ms)", "in uniform(min, max): expected max >= min, got min 9ms and max 1ms")]
    public void Service_times_say_what_is_wrong(string text, string expected)
    {
        Assert.False(Units.TryParseServiceTime(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Model_values_print_as_scenario_files_write_them()
    {
        Assert.Equal("200/s", Rate.PerSecond(200).ToString());
        Assert.Equal("4KiB", new ByteSize(4096).ToString());
        Assert.Equal("250us", Durations.Format(TimeSpan.FromMicroseconds(250)));
    }
}
