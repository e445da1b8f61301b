using System.Runtime.InteropServices;
using ArchLab.Harness.Processes;
using Spectre.Console;

namespace ArchLab.Cli;

/// <summary>
/// Ctrl-C as users of load tools expect it: the first one stops the run gracefully (the load stops, every child is
/// stopped, what was measured so far is kept); a second one, or a graceful stop that takes longer than its deadline,
/// kills every child and exits at once. Either way the exit code is 130. SIGTERM (a CI job cancelled, <c>kill</c>)
/// counts as a Ctrl-C: what was measured is kept the same way.
/// </summary>
public sealed class Interrupts : IDisposable
{
    /// <summary>How long a graceful stop may take before the command stops waiting for it.</summary>
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _interrupt = new();
    private readonly TimeSpan _gracefulStop;
    private readonly Action<string> _abandon;
    private readonly bool _console;
    private readonly PosixSignalRegistration? _terminate;
    private Timer? _deadline;

    /// <summary>Listens for Ctrl-C (SIGINT) on the console.</summary>
    public Interrupts()
        : this(GracefulStop, KillEverythingAndExit)
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _console = true;
    }

    /// <param name="gracefulStop">How long the first interrupt waits for the graceful stop.</param>
    /// <param name="abandon">Ends the command without waiting, told why.</param>
    internal Interrupts(TimeSpan gracefulStop, Action<string> abandon)
    {
        _gracefulStop = gracefulStop;
        _abandon = abandon;
    }

    /// <summary>Cancelled by the first interrupt.</summary>
    public CancellationToken Token => _interrupt.Token;

    /// <summary>One Ctrl-C.</summary>
    internal void Interrupt()
    {
        if (_interrupt.IsCancellationRequested)
        {
            _abandon("a second Ctrl-C");
            return;
        }

        _deadline = new Timer(_ => _abandon($"the graceful stop took longer than {_gracefulStop.TotalSeconds:0.#} s"), null,
            _gracefulStop, Timeout.InfiniteTimeSpan);
        _interrupt.Cancel();
    }

    public void Dispose()
    {
        if (_console)
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }

        _terminate?.Dispose();

        _deadline?.Dispose();
        _interrupt.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Interrupt();
    }

    // Without Cancel the runtime would end the process at once, leaving the children and the results behind.
    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Interrupt();
    }

    private static void KillEverythingAndExit(string why)
    {
        ChildRegistry.KillAll();
        AnsiConsole.Console.MarkupLine($"[yellow]interrupted ({Markup.Escape(why)}): every child process was killed[/]");
        Environment.Exit(ExitCodes.Interrupted);
    }
}
