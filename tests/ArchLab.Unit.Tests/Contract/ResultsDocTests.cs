using System.Text.Json;
using ArchLab.Harness.Model.Expectations;
using ArchLab.Unit.Tests.Scenarios;

namespace ArchLab.Unit.Tests.Contract;

/// <summary>docs/results.md keeps up with the schema and the metric vocabulary: a field or metric added to them is described.</summary>
public sealed class ResultsDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "results.md"));

    [Fact]
    public void Every_field_of_the_schema_is_described_in_the_results_doc()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(ResultsSchema.FilePath));

        var fields = FieldNames(schema.RootElement).Distinct().ToList();

        Assert.Contains("retryAmplification", fields);
        Assert.All(fields, field => Assert.True(Doc.Contains($"`{field}`", StringComparison.Ordinal), $"docs/results.md does not describe `{field}`"));
    }

    [Fact]
    public void Every_metric_name_is_in_the_vocabulary_of_the_results_doc()
    {
        string[] names =
        [
            .. MetricNames.Latencies, .. MetricNames.LatencyStats, .. MetricNames.Counts, .. MetricNames.Throughput,
            .. MetricNames.Delivery, .. MetricNames.Recovery, .. MetricNames.Derived, .. MetricNames.FanOut,
        ];
        var vocabulary = Doc[Doc.IndexOf("## Metric names", StringComparison.Ordinal)..];

        Assert.All(names, name => Assert.True(vocabulary.Contains($"`{name}", StringComparison.Ordinal), $"the metric names of docs/results.md lack `{name}`"));
    }

    private static IEnumerable<string> FieldNames(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            return node.EnumerateArray().SelectMany(FieldNames);
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var own = node.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name) : [];
        return own.Concat(node.EnumerateObject().SelectMany(p => FieldNames(p.Value)));
    }
}
