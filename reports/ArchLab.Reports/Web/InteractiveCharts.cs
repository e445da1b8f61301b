using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Charts;

namespace ArchLab.Reports.Web;

/// <summary>
/// A run's per-interval charts for a page, drawn in the browser with uPlot: the library and the page's own chart
/// script inlined (the page opens from disk with no network), and the run's timelines as data. Hover shows the
/// values; a click on an arm in a legend switches it off and on in every chart.
/// </summary>
public static class InteractiveCharts
{
    private static readonly Lazy<string> OwnScript = new(() =>
    {
        using var stream = typeof(InteractiveCharts).Assembly.GetManifestResourceStream("archlab-charts.js")
            ?? throw new InvalidOperationException("archlab-charts.js is not embedded in ArchLab.Reports");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The page's chart script (after uPlot's), for a page that serves it rather than inlines it.</summary>
    public static string Script => OwnScript.Value;

    /// <summary>
    /// What goes into a page's head: uPlot's style and script and the chart script, inline; null when uPlot is not
    /// installed (the page then has its static charts only, and <paramref name="why"/> says so).
    /// </summary>
    public static string? Head(out string? why)
    {
        if (WebPackages.UPlot() is not { } uplot)
        {
            why = $"the interactive charts need uPlot from the npm registry, which is not installed: {WebPackages.InstallHint}";
            return null;
        }

        why = null;
        return new StringBuilder()
            .Append("<style>\n").Append(uplot.Css).Append("\n</style>\n")
            .Append("<script>\n").Append(Inline(uplot.Script)).Append("\n</script>\n")
            .Append("<script>\n").Append(Inline(Script)).Append("\n</script>\n")
            .ToString();
    }

    /// <summary>A container and the script that draws the run's timelines into it.</summary>
    public static string Block(string id, RunResults results) =>
        $"<div id=\"{id}\" class=\"archlab-charts\"></div>\n<script>ArchLabCharts.timelines(document.getElementById(\"{id}\"), {Inline(Data(results))});</script>\n";

    /// <summary>The data the chart script reads: the interval, each arm's colour and timeline, the fault windows.</summary>
    public static string Data(RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var arms = new JsonArray();
        foreach (var (arm, index) in results.Arms.Select((a, i) => (a, i)))
        {
            var timeline = new JsonArray();
            foreach (var p in arm.Timeline)
            {
                timeline.Add(new JsonObject
                {
                    ["t"] = p.T,
                    ["offered"] = p.Offered,
                    ["accepted"] = p.Accepted,
                    ["completed"] = p.Completed,
                    ["errors"] = p.Errors,
                    ["acceptP99"] = p.AcceptP99Ms,
                    ["completionP99"] = p.CompletionP99Ms,
                    ["backlog"] = p.Backlog,
                });
            }

            arms.Add(new JsonObject { ["name"] = arm.Name, ["color"] = ArmPalette.HexOf(index), ["timeline"] = timeline });
        }

        var faults = new JsonArray();
        foreach (var fault in results.Arms.SelectMany(a => a.Faults).DistinctBy(f => (f.Kind, f.Target, f.StartSec)))
        {
            faults.Add(new JsonObject { ["label"] = $"{fault.Kind} {fault.Target}", ["start"] = fault.StartSec, ["end"] = fault.EndSec });
        }

        var data = new JsonObject
        {
            ["intervalSec"] = results.Arms.Select(a => a.IntervalSec).DefaultIfEmpty(1).First(),
            ["arms"] = arms,
            ["faults"] = faults,
        };
        return data.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    // Inside a <script>, "</script" would end it early; "<\/" means the same to JavaScript.
    private static string Inline(string script) => script.Replace("</", "<\\/", StringComparison.Ordinal);
}
