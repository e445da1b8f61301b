using System.Globalization;
using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Results;
using Spectre.Console;

namespace ArchLab.Cli.Terminal;

/// <summary>The end of a run on the terminal: one row per arm, then each expectation's verdict and the books.</summary>
public static class SummaryView
{
    public static void Write(IAnsiConsole console, RunResults results, string folder)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(results.Scenario)}[/]" + (results.Profile is { } p ? $" (profile {Markup.Escape(p)})" : ""));
        table.AddColumn("arm");
        foreach (var column in new[] { "accept p50", "accept p99", "completion p50", "completion p99", "completed/s", "errors", "lost", "duplicated" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var arm in results.Arms)
        {
            table.AddRow(
                Markup.Escape(arm.Name == arm.Style ? arm.Name : $"{arm.Name} ({arm.Style})"),
                Ms(arm.LatencyMs.Accept?.P50),
                Ms(arm.LatencyMs.Accept?.P99),
                Ms(arm.LatencyMs.Completion?.P50),
                Ms(arm.LatencyMs.Completion?.P99),
                Number(arm.Throughput.CompletedPerSec, "0.0"),
                Errors(arm),
                Count(arm.Delivery?.Lost, badWhenPositive: true),
                Count(arm.Delivery?.Duplicated, badWhenPositive: true));
        }

        console.Write(table);
        if (results.Interrupted is { } why)
        {
            console.MarkupLine($"[yellow]the run did not finish:[/] {Markup.Escape(why)}");
        }

        foreach (var skipped in results.NotRun)
        {
            console.MarkupLine($"[yellow]not run:[/] {Markup.Escape(skipped.Arm)} ({Markup.Escape(skipped.Style)}): {Markup.Escape(skipped.Reason)}");
        }

        foreach (var arm in results.Arms)
        {
            WriteArm(console, arm);
        }

        WriteAgreement(console, results);
        console.MarkupLine($"results: [link]{Markup.Escape(Path.Combine(folder, "results.json"))}[/]");
        var deciding = results.DecidingArms();
        console.MarkupLine(results.Holds()
            ? "[green]every expectation held[/]"
            : results.Interrupted is not null ? "[yellow]the run did not finish, so it does not hold[/]"
            : deciding.Any(a => a.Load?.Shortfall is not null)
                ? "[red]the load was not what the scenario asked for, so the run does not hold (see above)[/]"
                : "[red]some expectations failed or the books did not add up[/]");
        if (deciding.Count < results.Arms.Count && results.Arms.Where(a => a.Simulated).Sum(a => a.Expectations.Count(e => !e.Passed)) is var failed and > 0)
        {
            console.MarkupLine($"[yellow]{failed} expectation(s) of the simulated arms failed: the simulator does not follow the measured run there (see the agreement above)[/]");
        }
    }

    private static void WriteArm(IAnsiConsole console, ArmResult arm)
    {
        console.MarkupLine($"[bold]{Markup.Escape(arm.Name)}[/]");
        if (arm.Load?.Shortfall is { } shortfall)
        {
            console.MarkupLine($"  [red]the load was not what was asked:[/] {Markup.Escape(shortfall)}");
        }

        foreach (var verdict in arm.Expectations)
        {
            var mark = verdict.Passed ? "[green]PASS[/]"
                : verdict.Actual.StartsWith(Harness.Model.Expectations.Expectation.NoData, StringComparison.Ordinal) ? "[yellow]NO DATA[/]" : "[red]FAIL[/]";
            console.MarkupLine($"  {mark} {Markup.Escape(verdict.Expr)}  [grey]({Markup.Escape(verdict.Actual)})[/]");
        }

        if (arm.Accounting is { } books)
        {
            console.MarkupLine($"  {(books.AddsUp ? "[green]books add up[/]" : "[red]books do not add up[/]")}: [grey]{Markup.Escape(books.Detail)}[/]");
        }

        if (arm.Delivery is { } d && (d.Unexpected > 0 || d.Recovered > 0 || d.PartialEffects > 0 || d.Pending > 0))
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"  also: unexpected {d.Unexpected}, recovered {d.Recovered}, pending {d.Pending}, partial effects of failed requests {d.PartialEffects}")));
        }

        foreach (var note in arm.Notes)
        {
            console.MarkupLine($"  [yellow]note:[/] {Markup.Escape(note)}");
        }
    }

    /// <summary>
    /// A <c>run --with-sim</c>'s agreement: a count of the figures that agree, then each one that does not and each one
    /// the scenario leaves out, with its reason.
    /// </summary>
    private static void WriteAgreement(IAnsiConsole console, RunResults results)
    {
        if (results.Agreement is not { Count: > 0 } figures)
        {
            return;
        }

        var compared = figures.Where(f => f.Verdict is AgreementVerdict.Agree or AgreementVerdict.Disagree).ToList();
        var disagree = compared.Count(f => f.Verdict == AgreementVerdict.Disagree);
        console.MarkupLine(disagree == 0
            ? $"[green]measured and simulated agree on all {compared.Count} figures compared[/]"
            : $"[yellow]measured and simulated agree on {compared.Count - disagree} of {compared.Count} figures compared[/]");
        foreach (var figure in figures.Where(f => f.Verdict is AgreementVerdict.Disagree or AgreementVerdict.Unmodelled))
        {
            console.MarkupLine($"  {(figure.Verdict == AgreementVerdict.Disagree ? "[yellow]differs:[/]" : "[grey]not modelled:[/]")} {Markup.Escape(figure.ToString())}");
        }
    }

    private static string Ms(double? value) => value is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms" : "[grey]n/a[/]";

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "[grey]n/a[/]";

    private static string Count(long? value, bool badWhenPositive) => value switch
    {
        null => "[grey]n/a[/]",
        > 0 when badWhenPositive => $"[red]{value}[/]",
        _ => value.Value.ToString(CultureInfo.InvariantCulture),
    };

    private static string Errors(ArmResult arm)
    {
        var total = arm.Counts.Errors + arm.Counts.DroppedByGenerator;
        if (total == 0)
        {
            return "0";
        }

        var kinds = string.Join(", ", arm.ErrorsByKind.Select(k => $"{k.Key} {k.Value}"));
        return $"[red]{total}[/] [grey]({Markup.Escape(kinds)})[/]";
    }
}
