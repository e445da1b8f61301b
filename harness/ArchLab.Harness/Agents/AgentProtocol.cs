using System.Text.Json;
using ArchLab.Load;
using ArchLab.Load.Recording;

namespace ArchLab.Harness.Agents;

/// <summary>
/// How a run's coordinator and its load agents talk over NATS. Control is request-reply: the coordinator asks
/// <see cref="Discover"/> and every waiting agent answers with an <see cref="AgentInfo"/>; it sends each agent its share
/// on <see cref="WorkOf"/>, answered at once with an <see cref="AgentReply"/>. When its load has ended, an agent puts
/// its files (caller log, interval logs) in the object store <see cref="Bucket"/> and publishes an
/// <see cref="AgentDone"/> on <see cref="DoneOf"/>. Messages are JSON.
/// </summary>
public static class AgentProtocol
{
    /// <summary>Both sides must speak the same protocol and run the same build: the engine's figures are compared.</summary>
    public static readonly string Version = $"1/{typeof(AgentProtocol).Assembly.ManifestModule.ModuleVersionId:N}";

    public const string Discover = "archlab.agents.discover";

    /// <summary>How often an agent running a share says so (with its progress).</summary>
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(1);

    /// <summary>An agent not heard from for this long, before it reported, has died or lost its connection.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(10);

    public const string Bucket = "archlab-agents";

    public static string WorkOf(string agent) => $"archlab.agents.{agent}.work";

    /// <summary>Stops the agent's share of the run named in the message's body (a refused start, an interrupted run).</summary>
    public static string CancelOf(string agent) => $"archlab.agents.{agent}.cancel";

    public static string DoneOf(string run) => $"archlab.agents.run.{run}.done";

    /// <summary>Each agent's latest <c>LoadProgress</c> while its share runs, every <see cref="Beat"/>.</summary>
    public static string ProgressOf(string run, string agent) => $"archlab.agents.run.{run}.progress.{agent}";

    /// <summary>Every agent's progress of a run.</summary>
    public static string ProgressOfAll(string run) => $"archlab.agents.run.{run}.progress.*";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Encode<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);

    public static T Decode<T>(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new JsonException($"an empty {typeof(T).Name}");

    /// <summary>A name NATS takes as one subject token: letters, digits, '-' and '_'.</summary>
    public static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>An agent waiting for work.</summary>
/// <param name="Busy">Running a share of another run now.</param>
/// <param name="Advertise">The address the roles it runs listen on and are reached at (<c>agent --advertise</c>).</param>
public sealed record AgentInfo(string Name, string Host, int Pid, string Version, bool Busy, string Advertise = "127.0.0.1");

/// <summary>
/// One agent's share of an arm's load: its options (its part of the rate or the users, its own seed), the target, and
/// the wall-clock instant at which every agent starts its warm-up. Agent <see cref="Index"/> of <see cref="Count"/>
/// sends the orders numbered index, index + count, index + 2 x count...: one run's numbers, none sent twice.
/// </summary>
public sealed record AgentWork(string Run, string Arm, int Index, int Count, LoadOptions Load, AgentTarget Target, DateTimeOffset StartAt);

/// <summary>The edge's <c>POST /orders</c> with the run's order bodies (<see cref="Nonce"/>, payload size).</summary>
/// <param name="Traceparent">Whether each order starts its trace with a W3C <c>traceparent</c> header.</param>
public sealed record AgentTarget(Uri Url, uint Nonce, long PayloadBytes, bool Traceparent);

public sealed record AgentReply(bool Accepted, string? Problem);

/// <summary>What one agent measured; its <see cref="Files"/> are in the object store under <c>run/agent/</c>, each named <see cref="FilePrefix"/>.kind.</summary>
/// <param name="MeasureStart">The wall-clock instant of its measured window's start, which its files' ticks are counted from.</param>
/// <param name="MeasureStartTicks">The same instant on the agent's monotonic clock.</param>
/// <param name="Histograms">Accept, accept uncorrected and send delay of the measured window, then of the warm-up: each
/// HdrHistogram's compressed encoding, base64, as an interval log holds it.</param>
public sealed record AgentDone(
    string Agent,
    string? Problem,
    LoadCounts Counts,
    LoadCounts WarmupCounts,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyList<TimelineInterval> Timeline,
    IReadOnlyList<string> Histograms,
    DateTimeOffset MeasureStart,
    long MeasureStartTicks,
    double? IntendedOffered,
    long Behind,
    string FilePrefix,
    IReadOnlyList<string> Files);
