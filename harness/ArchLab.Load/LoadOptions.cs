using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Load;

/// <summary>
/// What load to offer and for how long. Immutable: vary it with <c>with</c>.
/// Defaults match a scenario file's load defaults (scenarios/FORMAT.md, Load).
/// </summary>
public sealed record LoadOptions
{
    /// <summary>Default: <see cref="LoadModel.Open"/>.</summary>
    public LoadModel Model { get; init; } = LoadModel.Open;

    /// <summary>Open model only. Default: <see cref="ArrivalProcess.Constant"/>.</summary>
    public ArrivalProcess Arrival { get; init; } = ArrivalProcess.Constant;

    /// <summary>Open model: requests per second, the end rate of a ramp. Default: 100.</summary>
    public double RatePerSec { get; init; } = 100;

    /// <summary>Open model: when set, the rate rises linearly from this (requests per second) to <see cref="RatePerSec"/>
    /// over <see cref="RampFor"/>. Default: null (no ramp).</summary>
    public double? RampFromPerSec { get; init; }

    /// <summary>Length of the ramp, counted from the start of the warm-up. Default: 0 (no ramp).</summary>
    public TimeSpan RampFor { get; init; }

    /// <summary>Length of the measured window. Default: 10 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load before the measured window, recorded apart and excluded from every reported figure. Default: 2 s.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Closed model: number of virtual users. Default: 8.</summary>
    public int Users { get; init; } = 8;

    /// <summary>Closed model: pause of a user between an answer and its next request. Default: 0.</summary>
    public TimeSpan Think { get; init; }

    /// <summary>Open model: requests in flight at most. A due request waits for a free slot (the wait shows in the
    /// send delay); one that would wait longer than <see cref="Timeout"/> is dropped and counted. Default: 2000.</summary>
    public int MaxInFlight { get; init; } = 2000;

    /// <summary>How long the target gets to answer before the engine cancels it and counts a timeout;
    /// also the longest wait for an open-model slot before a drop. Default: 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed of the Poisson arrivals: the same seed gives the same intended times. Default: 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Open model: rate windows (bursts, pauses). Default: none.</summary>
    public IReadOnlyList<RateWindow> Bursts { get; init; } = [];

    /// <summary>Length of the timeline's intervals (counts, p99s, <c>.hlog</c> intervals). Default: 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often progress is reported (a live dashboard asks for more than the terminal's once a second). Default: 1 s.</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The offered rate over time of these options (open model).</summary>
    public RateProfile RateProfile() => new(RatePerSec, RampFromPerSec, RampFor, Warmup, Duration, Bursts);

    /// <summary>The open model's intended send times.</summary>
    public ArrivalSchedule Schedule() => new(RateProfile(), Arrival == ArrivalProcess.Poisson, Seed);

    /// <summary>Open model: run the dispatcher thread at the lowest real-time priority (SCHED_FIFO 1 on Linux) where the
    /// process is allowed to (root or CAP_SYS_NICE), else at nice -10 where allowed. The thread sleeps between sends
    /// and spins at most 30 µs before each, so it takes little CPU; without it, on a machine shared with busy
    /// processes, waiting for a core after each sleep shows as milliseconds of send delay. Default: true.</summary>
    public bool RealtimeDispatcher { get; init; } = true;

    /// <summary>Folder for the <c>.hlog</c> files and the caller log; null writes no file. Default: null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Start of every file name, e.g. the arm name: <c>&lt;prefix&gt;.accept.hlog</c>,
    /// <c>&lt;prefix&gt;.calls.bin</c>. Default: "load".</summary>
    public string FilePrefix { get; init; } = "load";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Duration > TimeSpan.Zero, nameof(Duration), "must be positive");
        Require(Warmup >= TimeSpan.Zero, nameof(Warmup), "must not be negative");
        Require(Timeout > TimeSpan.Zero, nameof(Timeout), "must be positive");
        Require(!string.IsNullOrWhiteSpace(FilePrefix), nameof(FilePrefix), "must not be empty");
        Require(Interval > TimeSpan.Zero && Interval <= TimeSpan.FromSeconds(1), nameof(Interval), "must be positive and at most 1 s");
        Require(ProgressEvery >= TimeSpan.FromMilliseconds(50) && ProgressEvery <= TimeSpan.FromSeconds(1), nameof(ProgressEvery), "must be between 50 ms and 1 s");
        if (Model == LoadModel.Closed)
        {
            Require(Users > 0, nameof(Users), "must be positive");
            Require(Think >= TimeSpan.Zero, nameof(Think), "must not be negative");
            return;
        }

        Require(double.IsFinite(RatePerSec) && RatePerSec >= 0, nameof(RatePerSec), "must be a finite rate >= 0");
        Require(RampFromPerSec is null || (double.IsFinite(RampFromPerSec.Value) && RampFromPerSec >= 0),
            nameof(RampFromPerSec), "must be a finite rate >= 0");
        Require(RampFor >= TimeSpan.Zero, nameof(RampFor), "must not be negative");
        Require(MaxInFlight > 0, nameof(MaxInFlight), "must be positive");
        foreach (var window in Bursts)
        {
            Require(window.At >= TimeSpan.Zero && window.For >= TimeSpan.Zero, nameof(Bursts), "windows start and last >= 0");
            Require(double.IsFinite(window.Factor) && window.Factor >= 0, nameof(Bursts), "factors must be finite and >= 0");
        }
    }

    private static void Require(bool condition, string option, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{option} {rule}.", option);
        }
    }
}
