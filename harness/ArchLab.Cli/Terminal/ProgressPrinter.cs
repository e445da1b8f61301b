using System.Globalization;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Cli.Terminal;

/// <summary>
/// One progress line per arm. On a terminal the line is rewritten in place once a second; otherwise a
/// line is printed when the phase changes and every few seconds, so CI logs stay short.
/// </summary>
public sealed class ProgressPrinter(TextWriter output, bool interactive) : IProgress<ArmProgress>
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private string? _arm;
    private ArmPhase? _phase;
    private DateTime _lastPlain;

    public void Report(ArmProgress value)
    {
        lock (_gate)
        {
            var newArm = value.Arm != _arm;
            var newPhase = value.Phase != _phase;
            if (interactive)
            {
                if (newArm && _arm is not null)
                {
                    output.WriteLine();
                }

                output.Write("\r\u001b[K" + Format(value));
                if (value.Phase == ArmPhase.Done)
                {
                    output.WriteLine();
                }
            }
            else if (newArm || newPhase || DateTime.UtcNow - _lastPlain >= PlainInterval)
            {
                output.WriteLine(Format(value));
                _lastPlain = DateTime.UtcNow;
            }

            output.Flush();
            _arm = value.Arm;
            _phase = value.Phase;
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
