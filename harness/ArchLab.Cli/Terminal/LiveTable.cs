using System.Diagnostics;
using System.Globalization;
using ArchLab.Harness.Orchestration;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ArchLab.Cli.Terminal;

/// <summary>
/// The live view on a terminal: one row per arm, rewritten in place, with its phase (an open fault window shows in
/// red), elapsed of planned time, offered, accepted and completed per second, errors and backlog.
/// </summary>
public sealed class LiveTable : IProgress<ArmProgress>
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(200);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _rows;
    private LiveDisplayContext? _context;
    private long _lastRefresh;

    public LiveTable(IReadOnlyList<string> arms)
    {
        Table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("arm").NoWrap())
            .AddColumn(new TableColumn("phase"))
            .AddColumn(new TableColumn("time").NoWrap())
            .AddColumn(new TableColumn("offered").RightAligned())
            .AddColumn(new TableColumn("accepted").RightAligned())
            .AddColumn(new TableColumn("completed").RightAligned())
            .AddColumn(new TableColumn("errors").RightAligned())
            .AddColumn(new TableColumn("backlog").RightAligned())
            .Caption("[grey]offered, accepted, completed: per second, over the last second[/]");
        _rows = arms.Select((arm, index) => (arm, index)).ToDictionary(x => x.arm, x => x.index, StringComparer.Ordinal);
        foreach (var arm in arms)
        {
            Table.AddRow(new Text(arm), new Markup("[grey]waiting[/]"), Empty, Empty, Empty, Empty, Empty, Empty);
        }
    }

    public Table Table { get; }

    private static Text Empty => new("");

    public void Attach(LiveDisplayContext context) => _context = context;

    public void Report(ArmProgress value)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(value.Arm, out var row))
            {
                return;
            }

            // Checking and done change the phase only: the row keeps the last figures of the arm's run.
            var cells = Cells(value);
            var columns = value.Phase is ArmPhase.Checking or ArmPhase.Done ? 1 : cells.Length;
            for (var column = 0; column < columns; column++)
            {
                Table.UpdateCell(row, column + 1, cells[column]);
            }

            var now = Stopwatch.GetTimestamp();
            if (_context is not null && (value.Phase is ArmPhase.Done or ArmPhase.Starting || Stopwatch.GetElapsedTime(_lastRefresh, now) >= RefreshEvery))
            {
                _context.Refresh();
                _lastRefresh = now;
            }
        }
    }

    /// <summary>The cells after the arm's name, as the row shows them.</summary>
    public static IRenderable[] Cells(ArmProgress p)
    {
        var running = p.Phase is ArmPhase.WarmUp or ArmPhase.Load or ArmPhase.Draining;
        return
        [
            new Markup(PhaseMarkup(p)),
            new Text(running ? Invariant($"{p.Elapsed.TotalSeconds:0.0}/{p.PlannedTotal.TotalSeconds:0}s") : ""),
            new Text(running && p.Phase != ArmPhase.Draining ? Invariant($"{p.OfferedPerSec:0}") : ""),
            new Text(running && p.Phase != ArmPhase.Draining ? Invariant($"{p.AcceptedPerSec:0}") : ""),
            new Text(p.CompletedPerSec is { } c && running ? Invariant($"{c:0}") : p.Completed is { } total ? Invariant($"{total} total") : ""),
            new Markup(p.Errors + p.Dropped > 0 ? Invariant($"[red]{p.Errors + p.Dropped}[/]") : running ? "0" : ""),
            new Text(p.Backlog is { } backlog ? Invariant($"{backlog}") : ""),
        ];
    }

    public static string PhaseMarkup(ArmProgress p)
    {
        var phase = p.Phase switch
        {
            ArmPhase.WarmUp => "warm-up",
            ArmPhase.Done => "[green]done[/]",
            _ => p.Phase.ToString().ToLowerInvariant(),
        };
        return p.OpenFaults is { Count: > 0 } open
            ? $"{phase} [red]· {Markup.Escape(string.Join(", ", open))}[/]"
            : phase;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
