using System.Net;
using System.Text;
using ArchLab.Reports.Exporters;

namespace ArchLab.Reports.Compare;

/// <summary><c>compare.html</c>: the comparison as one self-contained page, verdicts coloured as in the run reports.</summary>
public static class ComparisonHtml
{
    public const string FileName = "compare.html";

    public static string Render(RunComparison comparison)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>{E(comparison.Scenario)}: {E(comparison.NameA)} against {E(comparison.NameB)}</title>");
        html.AppendLine($"<style>{HtmlStyles.Css}</style></head><body>");
        html.AppendLine($"<h1>{E(comparison.Scenario)}</h1><p>A: <code>{E(comparison.NameA)}</code>, B: <code>{E(comparison.NameB)}</code>. " +
            $"{comparison.Better} better, {comparison.Worse} worse.</p>");
        foreach (var arm in comparison.Changes.GroupBy(c => c.Arm))
        {
            html.AppendLine($"<h2>{E(arm.Key)}</h2><table><tr><th>metric</th><th>A</th><th>B</th><th>change</th><th>verdict</th></tr>");
            foreach (var c in arm)
            {
                var css = c.Verdict switch { Verdict.Better => " class=\"pass\"", Verdict.Worse => " class=\"fail\"", _ => "" };
                html.AppendLine($"<tr><td>{E(c.Metric.Name)}</td><td>{E(ComparisonText.Value(c.A, c.Metric))}</td><td>{E(ComparisonText.Value(c.B, c.Metric))}</td>" +
                    $"<td>{E(ComparisonText.Change(c))}</td><td{css}>{E(ComparisonText.Verdict(c))}</td></tr>");
            }

            html.AppendLine("</table>");
        }

        foreach (var (names, run) in new[] { (comparison.OnlyInA, "A"), (comparison.OnlyInB, "B") }.Where(x => x.Item1.Count > 0))
        {
            html.AppendLine($"<p>Only in {run}: {E(string.Join(", ", names))}.</p>");
        }

        html.AppendLine($"<p class=\"note\">{E(ComparisonText.Bands)}</p></body></html>");
        return html.ToString();
    }
}
