namespace ArchLab.Harness.Model.Scenarios;

/// <summary>Open: requests at fixed intended times whatever the answers. Closed: N users who wait for each answer.</summary>
public enum LoadModel
{
    Open,
    Closed,
}

/// <summary>How open-model arrivals are spaced.</summary>
public enum Arrival
{
    /// <summary>Evenly spaced at the current rate.</summary>
    Constant,

    /// <summary>A Poisson process at the current rate, drawn from the scenario seed.</summary>
    Poisson,
}

/// <summary>The load every arm gets. The measured window starts after the warm-up.</summary>
public sealed record LoadSpec
{
    /// <summary>Open or closed. Default: open.</summary>
    public LoadModel Model { get; init; } = LoadModel.Open;

    /// <summary>Open model: how arrivals are spaced. Default: constant.</summary>
    public Arrival Arrival { get; init; } = Arrival.Constant;

    /// <summary>Open model: requests per second (the end rate of a ramp). Default: 100/s.</summary>
    public Rate Rate { get; init; } = Rate.PerSecond(100);

    /// <summary>Open model: when set, the rate rises linearly from this to <see cref="Rate"/> over <see cref="RampFor"/>. Default: null (no ramp).</summary>
    public Rate? RampFrom { get; init; }

    /// <summary>Length of the ramp, counted from the start of the warm-up. Default: 0 (no ramp).</summary>
    public TimeSpan RampFor { get; init; }

    /// <summary>Length of the measured window. Default: 10s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load before the measured window, excluded from results. Default: 2s.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Orders sent one at a time before the warm-up, each followed to its last step, so that one-time costs
    /// (JIT compilation, first connections) are paid before any load: a cold chain would otherwise queue the
    /// first seconds of requests behind it. They carry a nonce of their own and are not counted. Default: 10.
    /// </summary>
    public int Prime { get; init; } = 10;

    /// <summary>Closed model: number of virtual users. Default: 8.</summary>
    public int Users { get; init; } = 8;

    /// <summary>Closed model: pause of a user between an answer and its next request. Default: 0.</summary>
    public TimeSpan Think { get; init; }

    /// <summary>
    /// Load agents that share the load (<c>archlab agent</c>): 1 runs it in the harness; more split it across that many
    /// agents, started on the machine or found at <c>run --agents-url</c>. Default: 1.
    /// </summary>
    public int Agents { get; init; } = 1;

    /// <summary>Requests in flight at most; in the open model one more is dropped by the generator and counted. Default: 2000.</summary>
    public int MaxInFlight { get; init; } = 2000;

    /// <summary>How long the caller waits for an answer before counting a timeout. Default: 10s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After the load stops, how long at most to wait for accepted work to complete. Default: 30s.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The caller reads each accepted order back (<c>GET /orders/{id}</c>) this long after its answer, and the edge keeps
    /// a read model to answer it; null: no read side (the default).
    /// </summary>
    public TimeSpan? ReadAfter { get; init; }
}
