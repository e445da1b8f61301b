using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Histograms;
using HdrHistogram;

namespace ArchLab.Unit.Tests.Reports;

public sealed class ChartDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-chart-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Hlog_reader_sums_every_interval_in_microseconds()
    {
        var path = Path.Combine(_folder, "a.accept.hlog");
        SampleRun.WriteLog(path, seconds: 7, perSecond: 100, new Random(3));

        var sum = HlogReader.TryReadSum(path);

        Assert.NotNull(sum);
        Assert.Equal(700, sum.TotalCount);
        Assert.InRange(sum.GetValueAtPercentile(0), 4990, 5010); // 5 ms is the floor of the sample
        Assert.Null(HlogReader.TryReadSum(Path.Combine(_folder, "missing.hlog")));
    }

    [Fact]
    public void Spectrum_rises_with_the_percentile_and_ends_at_the_maximum()
    {
        var path = Path.Combine(_folder, "a.accept.hlog");
        SampleRun.WriteLog(path, seconds: 10, perSecond: 1000, new Random(4));
        var histogram = HlogReader.TryReadSum(path)!;

        var points = PercentileSpectrum.Of(histogram);

        Assert.Equal(0, points[0].Percentile);
        Assert.True(points.Zip(points.Skip(1)).All(p => p.Second.Percentile > p.First.Percentile && p.Second.Ms >= p.First.Ms));
        Assert.Equal(histogram.GetMaxValue() / 1000.0, points[^1].Ms);
        Assert.Equal(3, new SpectrumPoint(99.9, 0).LogX, 9);
    }

    [Fact]
    public void Sweep_chart_draws_one_line_per_arm_in_its_colour()
    {
        SweepSeries[] series =
        [
            new("rest", [(1, 10), (2, 20), (4, 45), (8, 100)]),
            new("jetstream", [(8, 12), (1, 5), (2, 6), (4, 8)]),
        ];

        var chart = SweepChart.Write("sweep-fanout", "Completion p99 against fan-out", "fan-out N", "completion p99 (ms)", series, _folder);

        Assert.True(chart.Drawn, chart.Error);
        PngAssert.IsChart(Path.Combine(_folder, chart.PngPath), 1200, 600, ArmPalette.HexOf(0), ArmPalette.HexOf(1));
        Assert.True(File.Exists(Path.Combine(_folder, chart.SvgPath)));
    }

    [Fact]
    public void Palette_is_okabe_ito_by_arm_order()
    {
        Assert.Equal("#0072B2", ArmPalette.HexOf(0));
        Assert.Equal("#E69F00", ArmPalette.HexOf(1));
        Assert.Equal(ArmPalette.HexOf(0), ArmPalette.HexOf(8));
    }

    [Fact]
    public void Fault_windows_of_every_arm_merge_into_one_band_per_fault()
    {
        var arms = new[]
        {
            SampleRun.Results().Arms[1] with { Faults = [new("kill", "payment", 1.003, 3.001), new("pause", "broker", 10, null)] },
            SampleRun.Results().Arms[1] with { Faults = [new("kill", "payment", 1.001, 3), new("kill", "payment", 6, 7)] },
            SampleRun.Results().Arms[1] with { Faults = [new("kill", "payment", 1, 3.002), new("delay", "payment", 2, 4)] },
        };

        var bands = FaultShading.Bands(arms, endSec: 12);

        Assert.Equal(
            [new("kill", "payment", 1, 3.002), new("delay", "payment", 2, 4), new("kill", "payment", 6, 7), new FaultBand("pause", "broker", 10, 12)],
            bands);
    }

    [Fact]
    public void Labels_of_faults_that_would_overlap_are_stepped_and_others_share_the_top_row()
    {
        FaultBand[] bands = [new("kill", "payment", 1, 3), new("delay", "payment", 2, 4), new("kill", "payment", 30, 31)];

        Assert.Equal([0, 1, 0], FaultShading.Rows(bands, secondsShown: 60, ChartStyle.Default));
    }

    [Fact]
    public void Offered_is_drawn_once_as_the_highest_rate_of_each_interval()
    {
        var arms = SampleRun.Results().Arms;
        var lagging = arms[1] with { Timeline = [.. arms[1].Timeline.Select(p => p with { Offered = p.Offered - 5 })] };

        var offered = TimelineCharts.Offered([arms[0], lagging]);

        Assert.Equal(arms[0].Timeline.Select(p => (p.T, p.Offered / arms[0].IntervalSec)), offered);
    }

    [Fact]
    public void Charts_use_the_first_installed_sans_serif_family()
    {
        Assert.Equal("Liberation Sans", ChartStyle.PickFont(ChartStyle.FontPreference, ["DejaVu Serif", "liberation sans", "Noto Sans"], "fallback"));
        Assert.Equal("fallback", ChartStyle.PickFont(ChartStyle.FontPreference, ["DejaVu Serif"], "fallback"));
        Assert.DoesNotContain("Serif", ChartStyle.FontFamily, StringComparison.OrdinalIgnoreCase);
    }
}
