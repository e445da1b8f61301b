using System.Diagnostics;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Faults;

/// <summary>One fault with what it does; <paramref name="NotApplied"/> says why the arm cannot take it (a link its style does not have).</summary>
public sealed record ScheduledFault(FaultSpec Spec, IFaultAction? Action, string? NotApplied = null);

/// <summary>What happened to one fault: its window as it really was, and what went wrong with it if anything. A fault
/// that was not applied has its requested window and the reason as its problem.</summary>
public sealed record FaultRecord(FaultWindow Window, string? Problem, bool Applied = true)
{
    /// <summary>What a target named by its role in the cluster was when the window opened (<c>broker.leader</c>: <c>broker.2</c>); null otherwise.</summary>
    public string? Resolved { get; init; }
}

/// <summary>
/// Runs the fault timeline of an arm against the measured window's start: each window opens and closes at
/// its time (to about a millisecond), its real start and end are recorded, and a fault that cannot be
/// applied is reported instead of stopping the run. Windows without an end stay open until the arm ends.
/// </summary>
public static class FaultTimeline
{
    public static async Task<IReadOnlyList<FaultRecord>> RunAsync(
        IReadOnlyList<ScheduledFault> faults, long measureStart, CancellationToken cancellationToken, OpenFaults? open = null)
    {
        open ??= new OpenFaults();
        var records = await Task.WhenAll(faults.Select(f => RunOneAsync(f, measureStart, open, cancellationToken)));
        return records;
    }

    private static async Task<FaultRecord> RunOneAsync(ScheduledFault fault, long measureStart, OpenFaults open, CancellationToken cancellationToken)
    {
        var spec = fault.Spec;
        if (fault.NotApplied is { } why)
        {
            return new FaultRecord(Requested(spec), $"not applied: {why}", Applied: false);
        }

        var start = measureStart + Ticks(spec.At);
        await PreciseDelay.UntilAsync(start, cancellationToken);
        var label = $"{spec.Kind} {spec.Target}";
        open.Opened(label);
        try
        {
            return await ApplyAsync(fault, start, measureStart, cancellationToken);
        }
        finally
        {
            if (spec.For is not null)
            {
                open.Closed(label); // a window without an end stays open until the arm ends
            }
        }
    }

    private static async Task<FaultRecord> ApplyAsync(ScheduledFault fault, long start, long measureStart, CancellationToken cancellationToken)
    {
        var spec = fault.Spec;
        if (fault.Action is null)
        {
            // Driven elsewhere (a burst is part of the load schedule): the window is the requested one.
            if (spec.For is { } burst)
            {
                await PreciseDelay.UntilAsync(start + Ticks(burst), cancellationToken);
            }

            return new FaultRecord(Requested(spec), null);
        }

        // The window's bounds are when its actions were taken (a signal sent, a restart begun), not when they finished.
        var startedSec = SecondsSince(measureStart);
        var problem = await TryAsync(() => fault.Action.StartAsync(cancellationToken), "start");
        if (spec.For is not { } length)
        {
            return new FaultRecord(new FaultWindow(spec.Kind, spec.Target, startedSec, null) { PowerLoss = fault.Action.Figures }, problem) { Resolved = fault.Action.Resolved };
        }

        await PreciseDelay.UntilAsync(start + Ticks(length), cancellationToken);
        var endedSec = SecondsSince(measureStart);
        problem ??= await TryAsync(() => fault.Action.EndAsync(cancellationToken), "end");
        // A process fault's end brings the role back and waits for it to say it serves: how long that took is the
        // restart a model of the arm needs.
        var ready = spec is ProcessFault or PowerLossFault && problem is null ? SecondsSince(measureStart) : (double?)null;
        problem ??= await TryAsync(() => fault.Action.SettleAsync(cancellationToken), "settle");
        return new FaultRecord(new FaultWindow(spec.Kind, spec.Target, startedSec, endedSec) { ReadySec = ready, PowerLoss = fault.Action.Figures }, problem)
        {
            Resolved = fault.Action.Resolved,
        };
    }

    private static async Task<string?> TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or Processes.ChildProcessException or IOException or ArchLab.Proxy.ProxyException)
        {
            return $"could not {what} the fault: {e.Message}";
        }
    }

    private static FaultWindow Requested(FaultSpec spec) =>
        new(spec.Kind, spec.Target, Seconds(spec.At), spec.For is { } f ? Seconds(spec.At + f) : null);

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);

    private static double SecondsSince(long measureStart) =>
        Math.Round((Stopwatch.GetTimestamp() - measureStart) / (double)Stopwatch.Frequency, 3);
}
