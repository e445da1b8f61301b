using System.Globalization;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Cli.Terminal;

/// <summary>
/// Progress as plain lines, for logs and pipes (a terminal gets <see cref="LiveTable"/>): a line when the arm or its
/// phase changes and every few seconds, so CI logs stay short.
/// </summary>
public sealed class ProgressPrinter(TextWriter output) : IProgress<ArmProgress>
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private string? _arm;
    private ArmPhase? _phase;
    private int _faults;
    private DateTime _lastPlain;

    public void Report(ArmProgress value)
    {
        lock (_gate)
        {
            var faults = value.OpenFaults?.Count ?? 0;
            if (value.Arm != _arm || value.Phase != _phase || faults != _faults || DateTime.UtcNow - _lastPlain >= PlainInterval)
            {
                output.WriteLine(Format(value));
                output.Flush();
                _lastPlain = DateTime.UtcNow;
            }

            (_arm, _phase, _faults) = (value.Arm, value.Phase, faults);
        }
    }

    public static string Format(ArmProgress p)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"  {p.Arm,-14} {Phase(p.Phase),-9}");
        if (p.Phase is ArmPhase.WarmUp or ArmPhase.Load or ArmPhase.Draining)
        {
            line += string.Create(CultureInfo.InvariantCulture,
                $" {p.Elapsed.TotalSeconds,5:0.0}s/{p.PlannedTotal.TotalSeconds:0}s  offered {p.Offered,7}  accepted {p.Accepted,7}  errors {p.Errors}");
            if (p.Dropped > 0)
            {
                line += string.Create(CultureInfo.InvariantCulture, $"  dropped {p.Dropped}");
            }

            if (p.Phase != ArmPhase.Draining)
            {
                line += string.Create(CultureInfo.InvariantCulture, $"  ({p.OfferedPerSec:0}/s offered, {p.AcceptedPerSec:0}/s accepted)");
            }
        }

        if (p.Completed is { } completed)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  completed {completed}");
        }

        if (p.OpenFaults is { Count: > 0 } open)
        {
            line += $"  fault: {string.Join(", ", open)}";
        }

        if (p.Backlog is { } backlog)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  backlog {backlog}");
        }

        return line;
    }

    private static string Phase(ArmPhase phase) => phase switch
    {
        ArmPhase.WarmUp => "warm-up",
        _ => phase.ToString().ToLowerInvariant(),
    };
}
