namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>Reads the options of an <c>inproc</c> arm: when the edge answers (<c>answer</c>) and how much each step's channel holds (<c>queue</c>).</summary>
internal static class InProcArmReader
{
    public const string Accepted = "accepted";
    public const string Completion = "completion";

    public static readonly string[] Options = ["answer", "queue"];

    private static readonly string[] Answers = [Accepted, Completion];

    public static InProcArmOptions Read(Fields arm) => new(
        AnswerOnCompletion: arm.Choice("answer", Answers) == Completion,
        Queue: arm.Integer("queue", min: 1) ?? InProcArmOptions.Default.Queue);
}
