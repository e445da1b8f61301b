namespace ArchLab.Reports.Exporters;

/// <summary>The page's only style sheet, inline: the page must open the same with no network.</summary>
internal static class HtmlStyles
{
    public const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1280px; padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { margin-bottom: .3rem; }
        .claim { font-size: 1.25rem; border-left: 6px solid #0072B2; padding: .4rem 1rem; background: #f3f7fb; }
        .headline .sentence { font-size: 1.5rem; font-weight: 600; margin: 1rem 0; }
        .headline .verdict { font-size: 1rem; padding: .1rem .5rem; border-radius: .3rem; vertical-align: middle; }
        .archlab-chart { display: inline-block; margin: .5rem 1rem 1rem 0; }
        .watch { font-size: 1.1rem; border-left: 6px solid #E69F00; padding: .4rem 1rem; background: #fdf7ec; }
        table { border-collapse: collapse; margin: .5rem 0 1.5rem; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #f0f0f0; }
        .pass { color: #fff; background: #009E73; font-weight: bold; }
        .fail { color: #fff; background: #D55E00; font-weight: bold; }
        figure { margin: 1rem 0 2rem; }
        figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-style: italic; }
        .missing { color: #D55E00; }
        .arms svg { vertical-align: middle; }
        dl.env { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; }
        dl.env dt { font-weight: bold; }
        dl.env dd { margin: 0; }
        """;
}
