using ArchLab.Reports.Exporters;

namespace ArchLab.Unit.Tests.Reports;

public sealed class CsvExporterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Results_csv_has_one_row_per_arm_invariant_numbers_and_empty_cells_for_nulls()
    {
        await new ResultsCsvExporter().ExportAsync(SampleRun.Results(), _folder, TestContext.Current.CancellationToken);

        var rows = Rows(ResultsCsvExporter.FileName);
        Assert.Equal(3, rows.Count);
        Assert.Equal(ResultsCsvExporter.Columns, rows[0]);
        var rest = Row(rows, "rest");
        var jetstream = Row(rows, "jetstream");
        Assert.Equal("98.04", rest["acceptP99Ms"]);
        Assert.Equal("130.5", rest["acceptMaxMs"]);
        Assert.Equal("", rest["completed"]);
        Assert.Equal("", rest["completionP50Ms"]);
        Assert.Equal("", rest["ok"]);
        Assert.Equal("", rest["retryAmplification"]);
        Assert.Equal("59.8", rest["acceptedPerSec"]);
        Assert.Equal("590", jetstream["ok"]);
        Assert.Equal("0", jetstream["lost"]);
        Assert.Equal("2", jetstream["duplicated"]);
        Assert.Equal("", jetstream["expired"]);
        Assert.Equal("3", jetstream["deadLettered"]);
        Assert.Equal("1.25", jetstream["retryAmplification"]);
        Assert.Equal("3.5", jetstream["timeToRecoverSec"]);
        Assert.Equal("120.25", jetstream["completionMaxMs"]);
    }

    [Fact]
    public async Task Results_csv_is_the_same_under_a_comma_decimal_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            await new ResultsCsvExporter().ExportAsync(SampleRun.Results(), _folder, TestContext.Current.CancellationToken);
            var invariant = await File.ReadAllTextAsync(Path.Combine(_folder, ResultsCsvExporter.FileName), TestContext.Current.CancellationToken);
            var custom = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            custom.NumberFormat.NumberDecimalSeparator = ",";
            System.Globalization.CultureInfo.CurrentCulture = custom;
            await new ResultsCsvExporter().ExportAsync(SampleRun.Results(), _folder, TestContext.Current.CancellationToken);
            Assert.Equal(invariant, await File.ReadAllTextAsync(Path.Combine(_folder, ResultsCsvExporter.FileName), TestContext.Current.CancellationToken));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Timeline_csv_has_a_row_per_arm_and_second_with_empty_cells_for_nulls()
    {
        await new TimelineCsvExporter().ExportAsync(SampleRun.Results(), _folder, TestContext.Current.CancellationToken);

        var rows = Rows(TimelineCsvExporter.FileName);
        Assert.Equal(1 + 10 + 10, rows.Count);
        Assert.Equal("arm,t,offered,accepted,completed,errors,backlog,acceptP99Ms,completionP99Ms,intervalSec", string.Join(',', rows[0]));
        Assert.Equal(["rest", "3", "60", "60", "", "2", "", "101.04", "", "1"], rows[4]);
        Assert.Equal(["jetstream", "2", "60", "59", "58", "0", "8", "9.4", "102", "1"], rows[13]);
    }

    [Fact]
    public async Task Timeline_csv_of_a_fine_timeline_gives_each_interval_its_start_and_length()
    {
        var results = SampleRun.Results();
        var fine = results.Arms[1] with { IntervalSec = 0.1, Timeline = [.. results.Arms[1].Timeline.Select(p => p with { T = Math.Round(p.T / 10, 3) })] };
        await new TimelineCsvExporter().ExportAsync(results with { Arms = [fine] }, _folder, TestContext.Current.CancellationToken);

        var rows = Rows(TimelineCsvExporter.FileName);

        Assert.Equal(["0.3", "0.1"], [rows[4][1], rows[4][^1]]);
    }

    private List<string[]> Rows(string file) =>
        File.ReadAllLines(Path.Combine(_folder, file)).Select(l => l.Split(',')).ToList();

    private static Dictionary<string, string> Row(List<string[]> rows, string arm) =>
        rows[0].Zip(rows.Single(r => r[0] == arm)).ToDictionary(p => p.First, p => p.Second);
}
