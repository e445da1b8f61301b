using System.Text;

namespace ArchLab.Reports.Compare;

/// <summary><c>compare.md</c>: the comparison as a Markdown table per arm.</summary>
public static class ComparisonMarkdown
{
    public const string FileName = "compare.md";

    public static string Render(RunComparison comparison)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {comparison.Scenario}: {comparison.NameA} against {comparison.NameB}").AppendLine();
        md.AppendLine($"{comparison.Better} better, {comparison.Worse} worse; A is `{comparison.NameA}`, B is `{comparison.NameB}`.").AppendLine();
        foreach (var arm in comparison.Changes.GroupBy(c => c.Arm))
        {
            md.AppendLine($"## {arm.Key}").AppendLine();
            md.AppendLine("| metric | A | B | change | verdict |");
            md.AppendLine("| --- | ---: | ---: | ---: | --- |");
            foreach (var c in arm)
            {
                var verdict = ComparisonText.Verdict(c);
                md.AppendLine($"| {c.Metric.Name} | {ComparisonText.Value(c.A, c.Metric)} | {ComparisonText.Value(c.B, c.Metric)} | {ComparisonText.Change(c)} | {(c.Verdict is Verdict.Worse or Verdict.Better ? $"**{verdict}**" : verdict)} |");
            }

            md.AppendLine();
        }

        foreach (var (names, run) in new[] { (comparison.OnlyInA, "A"), (comparison.OnlyInB, "B") }.Where(x => x.Item1.Count > 0))
        {
            md.AppendLine($"Only in {run}: {string.Join(", ", names)}.").AppendLine();
        }

        md.AppendLine(ComparisonText.Bands);
        return md.ToString();
    }
}
