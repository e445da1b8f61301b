using System.Text.Json.Nodes;
using ArchLab.Harness.Model.Results;
using ArchLab.Unit.Tests.Metrics;
using ArchLab.Unit.Tests.Reports;

namespace ArchLab.Unit.Tests.Contract;

/// <summary>
/// docs/results.schema.json against what ResultsJson writes: the samples the report and metric tests use hold to it,
/// and a results.json that drifted from it fails with the JSON path and what the schema expected there.
/// </summary>
public sealed class ResultsSchemaTests
{
    public static TheoryData<string> Samples => ["report sample", "every field filled", "every nullable null", "metrics sample"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void What_ResultsJson_writes_for_a_sample_run_holds_to_the_schema(string sample)
    {
        var json = ResultsJson.Serialize(Sample(sample));

        ResultsSchema.AssertValid(json, sample);
    }

    [Fact]
    public void A_field_the_schema_does_not_define_is_named_with_its_path()
    {
        var problems = Problems(json => json["arms"]![1]!["queueDepth"] = new JsonObject());

        var problem = Assert.Single(problems);
        Assert.StartsWith("/arms/1/queueDepth: a field the schema does not define", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_is_named_with_the_object_it_is_missing_from()
    {
        var problems = Problems(json => json["arms"]![0]!["counts"]!.AsObject().Remove("sent"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("/arms/0/counts: ", problem, StringComparison.Ordinal);
        Assert.Contains("sent", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_where_a_figure_always_applies_is_refused()
    {
        var problems = Problems(json => json["arms"]![0]!["counts"]!["offered"] = null);

        var problem = Assert.Single(problems);
        Assert.StartsWith("/arms/0/counts/offered: ", problem, StringComparison.Ordinal);
        Assert.Contains("integer", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_latency_summary_of_no_value_is_refused_since_it_must_be_null()
    {
        var problems = Problems(json => json["arms"]![1]!["latencyMs"]!["completion"]!["count"] = 0);

        Assert.Contains(problems, p => p.StartsWith("/arms/1/latencyMs/completion/count: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_number_written_as_NaN_is_refused()
    {
        var problems = Problems(json => json["arms"]![1]!["throughput"]!["completedPerSec"] = "NaN");

        Assert.Contains(problems, p => p.StartsWith("/arms/1/throughput/completedPerSec: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fault_kind_outside_the_closed_set_is_refused_and_an_error_kind_outside_the_known_ones_is_not()
    {
        var fault = Problems(json => json["arms"]![1]!["faults"]![0]!["kind"] = "meteor");
        var error = Problems(json => json["arms"]![1]!["errorsByKind"]!["status_418"] = 1);

        Assert.StartsWith("/arms/1/faults/0/kind: ", Assert.Single(fault), StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void Another_schema_id_is_refused()
    {
        var problems = Problems(json => json["schema"] = "archlab.results/v2");

        Assert.StartsWith("/schema: ", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_lists_every_problem_under_the_name_of_its_source()
    {
        var json = JsonNode.Parse(ResultsJson.Serialize(SampleRun.Results()))!;
        json["arms"]![0]!["counts"]!["offered"] = "many";
        json["environment"]!["cores"] = 0;

        var failure = Assert.ThrowsAny<Exception>(() => ResultsSchema.AssertValid(json.ToJsonString(), "the broken sample"));

        Assert.Contains("the broken sample does not hold to docs/results.schema.json", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/arms/0/counts/offered: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/environment/cores: ", failure.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Problems(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(ResultsJson.Serialize(SampleRun.Results()))!;
        change(json);
        return ResultsSchema.Problems(json.ToJsonString());
    }

    private static RunResults Sample(string name) => name switch
    {
        "report sample" => SampleRun.Results(),
        "every field filled" => ContractSamples.EveryFieldFilled(),
        "every nullable null" => ContractSamples.EveryNullableNull(),
        "metrics sample" => SampleRun.Results() with { Arms = [SampleArms.Jetstream()] },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such sample"),
    };
}
