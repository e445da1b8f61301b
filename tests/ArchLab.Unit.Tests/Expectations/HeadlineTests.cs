using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Unit.Tests.Reports;

namespace ArchLab.Unit.Tests.Expectations;

/// <summary>A scenario's headline: read with the scenario, written with a run's figures.</summary>
public sealed class HeadlineTests
{
    private static readonly string[] Arms = ["rest", "jetstream"];

    [Fact]
    public void Each_placeholder_is_written_with_the_run_s_value_a_bare_metric_with_its_unit_a_ratio_without()
    {
        var headline = Headline.Parse("jetstream answers in {jetstream.accept.p99} where rest takes {rest.accept.p99}: {rest.accept.p99 / jetstream.accept.p99} times sooner, {jetstream.duplicated} duplicated", Arms);

        var text = headline.Render(SampleRun.Results().Arms, out var missing);

        // The sample: rest accept p99 98.04 ms, jetstream 7.4 ms; jetstream's delivery has 2 duplicated.
        Assert.Equal("jetstream answers in 7.4 ms where rest takes 98 ms: 13.2 times sooner, 2 duplicated", text);
        Assert.Empty(missing);
    }

    [Fact]
    public void A_figure_without_a_value_is_written_n_a_and_said_why()
    {
        var headline = Headline.Parse("rest completes in {rest.completion.p50}", Arms);

        var text = headline.Render(SampleRun.Results().Arms, out var missing);

        Assert.Equal("rest completes in n/a", text);
        Assert.Contains("rest.completion.p50", Assert.Single(missing), StringComparison.Ordinal);
    }

    [Fact]
    public void A_simulated_run_s_twins_answer_to_their_arms_names()
    {
        var arms = SampleRun.Results().Arms.Select(a => a with { Name = a.Name + "~sim", Simulated = true }).ToList();

        Assert.Equal("7.4 ms", Headline.Parse("{jetstream.accept.p99}", Arms).Render(arms, out _));
    }

    [Theory]
    [InlineData(4.259, "4.26")]
    [InlineData(95.423, "95.4")]
    [InlineData(22.405, "22.4")]
    [InlineData(1234.5, "1235")]
    [InlineData(3, "3")]
    [InlineData(0.01234, "0.0123")]
    [InlineData(0, "0")]
    public void A_figure_reads_with_three_significant_digits(double value, string expected)
    {
        Assert.Equal(expected, Headline.Format(value));
    }

    [Theory]
    [InlineData("{accept.p99} is fast", "'accept.p99' names no arm")]
    [InlineData("{rest.accept.p99 * } is fast", "in {rest.accept.p99 * }")]
    [InlineData("{resty.accept.p99}", "resty")]
    public void A_placeholder_that_is_not_a_figure_of_a_named_arm_is_refused_at_load_with_its_place(string text, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => Parse($"headline: {{ text: \"{text}\" }}")).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("headline.text", error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_s_headline_names_its_chart_and_its_question_offers_choices()
    {
        var scenario = Parse("""
            headline: { text: "rest takes {rest.accept.p99}", chart: bars-accept }
            question: { text: "Who answers first?", choices: [rest, jetstream, "about the same"] }
            """);

        Assert.Equal(("rest takes {rest.accept.p99}", "bars-accept"), (scenario.Headline!.Sentence.Template, scenario.Headline.Chart));
        Assert.Equal(new[] { "rest", "jetstream", "about the same" }, scenario.Question!.Choices);
        Assert.Equal(HeadlineSpec.DefaultChart, Parse("headline: { text: \"{rest.lost}\" }").Headline!.Chart);
    }

    [Theory]
    [InlineData("question: { text: \"Who?\", choices: [rest] }", "question.choices: expected a list of at least two choices")]
    [InlineData("question: { choices: [a, b] }", "question.text: missing required field 'text'")]
    [InlineData("headline: { text: \"{rest.lost}\", colour: red }", "headline.colour: unknown field 'colour'")]
    public void A_malformed_lesson_is_refused_with_its_path(string yaml, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => Parse(yaml)).Errors;

        Assert.Contains(errors, e => $"{e.Path}: {e.Message}".StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_writes_its_headline_with_whether_it_held()
    {
        var scenario = Parse("headline: { text: \"jetstream: {jetstream.accept.p99}\", chart: bars-accept }");
        var results = SampleRun.Results() with { Headline = null };

        var written = results.WithHeadline(scenario.Headline);

        // The sample's rest arm failed an expectation: the run does not hold.
        Assert.Equal(new RunHeadline("jetstream: 7.4 ms", "bars-accept", Holds: false), written.Headline);
        Assert.Same(results, results.WithHeadline(null));
    }

    private static Scenario Parse(string extra) => ScenarioLoader.Parse(
        $"name: lesson\ntitle: T\nclaim: C\nwatch: W\n{extra}\narms:\n  rest: {{ style: rest }}\n  jetstream: {{ style: jetstream }}\n", "lesson.yaml");
}
