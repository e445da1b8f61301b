using System.Text;
using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Charts;

namespace ArchLab.Reports.Exporters;

/// <summary>The tables, the verdicts and the arm colour key of the page.</summary>
public sealed partial class HtmlExporter
{
    private static void Verdicts(StringBuilder html, RunResults r)
    {
        html.Append("<h2>Expectations: ").Append(r.AllExpectationsPassed ? "all passed" : "some FAILED").Append("</h2>\n");
        var table = ReportTables.Expectations(r);
        if (table.Rows.Count == 0)
        {
            html.Append("<p>No expectation was set.</p>\n");
            return;
        }

        html.Append("<table>\n<tr>");
        foreach (var header in table.Headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr><td>").Append(E(row[0])).Append("</td><td>").Append(E(row[1])).Append("</td>")
                .Append("<td class=\"").Append(row[2] == "PASS" ? "pass" : "fail").Append("\">").Append(E(row[2])).Append("</td>")
                .Append("<td>").Append(E(row[3])).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    internal static void Table(StringBuilder html, string title, TextTable table, string empty)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>\n");
        if (table.Rows.Count == 0)
        {
            html.Append("<p>").Append(E(empty)).Append("</p>\n");
            return;
        }

        html.Append("<table>\n<tr>").AppendJoin("", table.Headers.Select(h => $"<th>{E(h)}</th>")).Append("</tr>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{E(c)}</td>")).Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>A swatch per arm in the colour every chart gives it, drawn inline so it needs no file.</summary>
    private static void ArmKey(StringBuilder html, IReadOnlyList<string> arms)
    {
        html.Append("<p class=\"arms\">");
        for (var i = 0; i < arms.Count; i++)
        {
            html.Append("<svg width=\"28\" height=\"16\" role=\"img\" aria-label=\"").Append(E(arms[i])).Append(" colour\">")
                .Append("<rect width=\"28\" height=\"16\" rx=\"3\" fill=\"").Append(ArmPalette.HexOf(i)).Append("\"/></svg> ")
                .Append(E(arms[i])).Append(i < arms.Count - 1 ? " &nbsp; " : "");
        }

        html.Append("</p>\n");
    }
}
