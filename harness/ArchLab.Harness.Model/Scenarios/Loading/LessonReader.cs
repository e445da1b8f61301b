using ArchLab.Harness.Model.Expectations;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads what a scenario says to a room: <c>headline: { text: "...{rest.accept.p50}...", chart: bars-accept }</c> and
/// <c>question: { text: "...?", choices: [a, b, c] }</c>. A placeholder that is not a figure of a named arm is an error
/// that points at its column.
/// </summary>
internal static class LessonReader
{
    private static readonly string[] HeadlineFields = ["text", "chart"];
    private static readonly string[] QuestionFields = ["text", "choices"];

    public static HeadlineSpec? ReadHeadline(Fields scenario, IReadOnlyList<string> arms)
    {
        var fields = Fields.Of(scenario.Value("headline"), "headline", scenario.Problems, HeadlineFields,
            "{ text: \"jetstream answers in {jetstream.accept.p50}, rest in {rest.accept.p50}\", chart: bars-accept }");
        if (fields is null)
        {
            return null;
        }

        var node = fields.Required("text");
        var text = fields.Text("text", required: true);
        var chart = fields.Text("chart", required: false, oneLine: true) ?? HeadlineSpec.DefaultChart;
        if (text is null || node is null)
        {
            return null;
        }

        try
        {
            return new HeadlineSpec(Headline.Parse(text, arms), chart);
        }
        catch (ExpectationSyntaxException e)
        {
            var offset = Nodes.TextOffset(node) is { } start ? start + e.Column - 1 : 0;
            scenario.Problems.At(node, "headline.text", e.Reason, offset);
            return null;
        }
    }

    public static QuestionSpec? ReadQuestion(Fields scenario)
    {
        var fields = Fields.Of(scenario.Value("question"), "question", scenario.Problems, QuestionFields,
            "{ text: \"Which style answers first?\", choices: [rest, jetstream, \"about the same\"] }");
        if (fields is null)
        {
            return null;
        }

        var text = fields.Text("text", required: true);
        var node = fields.Required("choices");
        var choices = new List<string>();
        if (node is YamlSequenceNode list && list.Children.Count >= 2)
        {
            foreach (var (item, i) in list.Children.Select((c, i) => (c, i)))
            {
                if (Nodes.Scalar(item, Nodes.Item("question.choices", i), "a choice", scenario.Problems) is { } choice)
                {
                    choices.Add(choice.Trim());
                }
            }
        }
        else if (node is not null)
        {
            scenario.Problems.At(node, "question.choices", $"expected a list of at least two choices, got {Nodes.Describe(node)}");
        }

        return text is null || choices.Count < 2 ? null : new QuestionSpec(text, choices);
    }
}
