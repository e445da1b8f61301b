using System.ComponentModel;
using ArchLab.Reports.Compare;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class CompareSettings : CommandSettings
{
    [CommandArgument(0, "<runA>")]
    [Description("The run to compare from: a run folder or its name under reports/runs.")]
    public string RunA { get; init; } = "";

    [CommandArgument(1, "<runB>")]
    [Description("The run to compare to.")]
    public string RunB { get; init; } = "";

    [CommandOption("-o|--output <DIR>")]
    [Description("Where to write compare.md and compare.html (default: reports/runs/compare-<A>-vs-<B>).")]
    public string? Output { get; init; }

    [CommandOption("--fail-on-worse")]
    [Description("Exit 1 when any metric is worse beyond its noise band (for scripts).")]
    public bool FailOnWorse { get; init; }
}

/// <summary><c>archlab compare A B</c>: per arm and metric, A, B, the change and a verdict, in the terminal and as Markdown and HTML.</summary>
public sealed class CompareCommand : AsyncCommand<CompareSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var (folderA, folderB) = (Workspace.ResolveRun(settings.RunA), Workspace.ResolveRun(settings.RunB));
        var (nameA, nameB) = (Path.GetFileName(folderA), Path.GetFileName(folderB));
        var comparison = RunComparison.Of(Workspace.ReadResults(folderA), Workspace.ReadResults(folderB), nameA, nameB);

        Show(comparison);
        var output = settings.Output ?? Path.Combine(Workspace.RunsDirectory, $"compare-{nameA}-vs-{nameB}");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, ComparisonMarkdown.FileName), ComparisonMarkdown.Render(comparison), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(output, ComparisonHtml.FileName), ComparisonHtml.Render(comparison), cancellationToken);
        AnsiConsole.MarkupLine($"comparison: {Markup.Escape(Path.Combine(output, ComparisonHtml.FileName))}");
        return settings.FailOnWorse && comparison.Worse > 0 ? ExitCodes.ExpectationFailed : ExitCodes.Ok;
    }

    private static void Show(RunComparison comparison)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(comparison.Scenario)}[/]: A {Markup.Escape(comparison.NameA)}, B {Markup.Escape(comparison.NameB)}")
            .AddColumns("arm", "metric")
            .AddColumn(new TableColumn("A").RightAligned())
            .AddColumn(new TableColumn("B").RightAligned())
            .AddColumn(new TableColumn("change").RightAligned())
            .AddColumn("verdict");
        foreach (var c in comparison.Changes)
        {
            var verdict = ComparisonText.Verdict(c);
            table.AddRow(
                Markup.Escape(c.Arm),
                Markup.Escape(c.Metric.Name),
                Markup.Escape(ComparisonText.Value(c.A, c.Metric)),
                Markup.Escape(ComparisonText.Value(c.B, c.Metric)),
                Markup.Escape(ComparisonText.Change(c)),
                c.Verdict switch { Verdict.Better => $"[green]{verdict}[/]", Verdict.Worse => $"[red]{verdict}[/]", _ => $"[grey]{verdict}[/]" });
        }

        AnsiConsole.Write(table);
        foreach (var (names, run) in new[] { (comparison.OnlyInA, "A"), (comparison.OnlyInB, "B") }.Where(x => x.Item1.Count > 0))
        {
            AnsiConsole.MarkupLine($"only in {run}: {Markup.Escape(string.Join(", ", names))}");
        }

        AnsiConsole.MarkupLine($"{comparison.Better} better, {comparison.Worse} worse. [grey]{Markup.Escape(ComparisonText.Bands)}[/]");
    }
}
