using ArchLab.Harness.Model.Expectations;

namespace ArchLab.Harness.Model.Scenarios;

/// <summary>
/// A scenario's headline: the sentence that proves or refutes its claim, with the run's figures in it, and the chart
/// that shows it best (a report chart's name, such as <c>bars-accept</c>).
/// </summary>
public sealed record HeadlineSpec(Headline Sentence, string Chart)
{
    /// <summary>The chart a headline points at unless it names one: completion latency, which every workflow run has.</summary>
    public const string DefaultChart = "bars-completion";
}

/// <summary>What a workshop asks the room before the run: a question and the answers to choose from.</summary>
public sealed record QuestionSpec(string Text, IReadOnlyList<string> Choices);
