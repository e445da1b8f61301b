using System.Globalization;
using System.Net;
using System.Text;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Exporters;
using ArchLab.Reports.Web;

namespace ArchLab.Reports.Suites;

/// <summary>One lesson of a workshop: the scenario's run, and the question the room was asked before it.</summary>
public sealed record DeckLesson(SuiteEntry Entry, string? Question, IReadOnlyList<string> Choices);

/// <summary>
/// The slide deck of a workshop, <c>workshop.html</c>: a title slide, then one slide per lesson (its claim, the question
/// the room was asked and its choices, the headline with the run's figure and whether the claim held, the headline's
/// chart, and the run's timelines as interactive charts), self-contained: charts embedded, uPlot inlined, no network.
/// Arrow keys, Page Up/Down and space move between slides; printing gives a page per slide.
/// </summary>
public static class WorkshopDeck
{
    public const string FileName = "workshop.html";

    public static async Task<string> WriteAsync(string folder, string profile, IReadOnlyList<DeckLesson> lessons, DateTimeOffset when, CancellationToken cancellationToken)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var interactive = InteractiveCharts.Head(out var noInteractive);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .AppendLine("<title>ArchLab workshop</title><link rel=\"icon\" href=\"data:,\">")
            .Append("<style>").Append(HtmlStyles.Css).Append(DeckCss).AppendLine("</style>")
            .AppendLine(interactive ?? "")
            .AppendLine("</head><body>");
        html.AppendLine($"<section class=\"slide title\" id=\"start\"><h1>REST or messaging?</h1><p class=\"sentence\">A workshop in {lessons.Count} lessons, measured on real processes</p>" +
            $"<p>profile <code>{E(profile)}</code>, {E(when.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC; {lessons.Count(l => l.Entry.Passed)} of {lessons.Count} claims held</p>" +
            "<ol>" + string.Concat(lessons.Select(l => $"<li>{E(l.Entry.Results?.Title ?? l.Entry.Scenario)}</li>")) + "</ol></section>");
        foreach (var (lesson, index) in lessons.Select((l, i) => (l, i)))
        {
            var e = lesson.Entry;
            html.AppendLine($"<section class=\"slide lesson\" id=\"{E(e.Scenario)}\">");
            html.AppendLine($"<h2><small>{index + 1}.</small> {E(e.Results?.Title ?? e.Scenario)}</h2>");
            if (e.Results?.Claim is { } claim)
            {
                html.AppendLine($"<p class=\"claim\"><strong>Claim:</strong> {E(claim)}</p>");
            }

            if (lesson.Question is { } question)
            {
                html.AppendLine($"<div class=\"question\"><strong>Asked:</strong> {E(question)}<ol type=\"A\">" +
                    string.Concat(lesson.Choices.Select(c => $"<li>{E(c)}</li>")) + "</ol></div>");
            }

            html.AppendLine($"<p class=\"sentence\">{E(SuiteIndex.Sentence(e))} <span class=\"{(e.Passed ? "pass" : "fail")} verdict\">{E(SuiteIndex.Verdict(e))}</span></p>");
            if (SuiteIndex.HeadlineChart(folder, e) is { } png && File.Exists(png))
            {
                html.AppendLine($"<img alt=\"{E(e.Results!.Headline!.Chart)}\" src=\"data:image/png;base64,{Convert.ToBase64String(await File.ReadAllBytesAsync(png, cancellationToken))}\">");
            }

            if (interactive is not null && e.Results is { } results)
            {
                html.Append("<details><summary>over time</summary>").Append(InteractiveCharts.Block($"timelines-{index}", results)).AppendLine("</details>");
            }

            html.AppendLine("</section>");
        }

        if (interactive is null)
        {
            html.AppendLine($"<p class=\"missing\">No interactive charts: {E(noInteractive!)}.</p>");
        }

        html.AppendLine("<script>").AppendLine(Navigation).AppendLine("</script></body></html>");
        var path = Path.Combine(folder, FileName);
        await File.WriteAllTextAsync(path, html.ToString(), cancellationToken);
        return path;
    }

    private const string DeckCss = """
        body { max-width: none; margin: 0; padding: 0; }
        .slide { min-height: 100vh; box-sizing: border-box; padding: 3rem 5vw; border-bottom: 1px solid #ddd; }
        .slide h1 { font-size: 3rem; }
        .slide h2 { font-size: 2.2rem; margin-top: 0; }
        .slide .sentence { font-size: 1.8rem; font-weight: 600; }
        .slide .question { font-size: 1.3rem; border-left: 6px solid #CC79A7; padding: .4rem 1rem; background: #fbf3f8; margin: 1rem 0; }
        .slide img { max-width: 100%; max-height: 55vh; height: auto; border: 1px solid #ddd; }
        .verdict { font-size: 1rem; padding: .1rem .5rem; border-radius: .3rem; vertical-align: middle; }
        @media print { .slide { page-break-after: always; min-height: auto; } details { display: none; } }
        """;

    private const string Navigation = """
        (function () {
          const slides = Array.from(document.querySelectorAll(".slide"));
          function current() {
            const middle = window.scrollY + window.innerHeight / 3;
            let at = 0;
            slides.forEach((s, i) => { if (s.offsetTop <= middle) at = i; });
            return at;
          }
          function go(i) { slides[Math.max(0, Math.min(slides.length - 1, i))].scrollIntoView(); }
          document.addEventListener("keydown", (e) => {
            if (["ArrowRight", "ArrowDown", "PageDown", " "].includes(e.key)) { e.preventDefault(); go(current() + 1); }
            if (["ArrowLeft", "ArrowUp", "PageUp"].includes(e.key)) { e.preventDefault(); go(current() - 1); }
          });
        })();
        """;
}
