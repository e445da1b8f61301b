using System.Globalization;
using System.Text.RegularExpressions;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Harness.Model.Capacity;

/// <summary>
/// A service-level objective a capacity window must hold: <c>accept.p99 &lt; 50ms</c>, <c>completion.p50 &lt;= 2s</c>. The
/// accept latency is the caller's (corrected for coordinated omission), the completion latency from the intended send
/// to the last step's effect.
/// </summary>
public sealed partial record CapacityObjective(string Metric, double Quantile, bool OrEqual, double BoundMs)
{
    /// <summary>Reads an objective, or says what was expected.</summary>
    public static CapacityObjective Parse(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"objective '{text}': expected <accept|completion>.<p50|p90|p99|p99.9> < <duration>, e.g. \"accept.p99 < 50ms\"");
        }

        var quantile = match.Groups["q"].Value switch
        {
            "50" => 0.5,
            "90" => 0.9,
            "99" => 0.99,
            "99.9" => 0.999,
            var other => throw new FormatException($"objective '{text}': p{other} is not one of p50, p90, p99, p99.9"),
        };
        if (!Units.TryParseDuration(match.Groups["bound"].Value, out var bound, out var problem) || bound <= TimeSpan.Zero)
        {
            throw new FormatException($"objective '{text}': the bound '{match.Groups["bound"].Value}' is not a positive duration{(problem is null ? "" : $" ({problem})")}");
        }

        return new CapacityObjective(match.Groups["metric"].Value, quantile, match.Groups["op"].Value == "<=", bound.TotalMilliseconds);
    }

    /// <summary>This objective's quantile of a latency summary (p50, p90, p99 or p99.9); null when nothing was measured.</summary>
    public double? Of(Results.LatencySummary? latency) => latency is null ? null
        : Quantile <= 0.5 ? latency.P50 : Quantile <= 0.9 ? latency.P90 : Quantile <= 0.99 ? latency.P99 : latency.P999;

    /// <summary>Whether <paramref name="measuredMs"/> (this objective's quantile; null when nothing was measured) holds it, and what was measured.</summary>
    public (bool Held, string Detail) Judge(double? measuredMs)
    {
        var held = measuredMs is { } ms && (OrEqual ? ms <= BoundMs : ms < BoundMs);
        return (held, string.Create(CultureInfo.InvariantCulture, $"{this} with {(measuredMs is { } m ? $"{m:0.###} ms" : "nothing measured")}"));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Metric}.p{Quantile * 100:0.#} {(OrEqual ? "<=" : "<")} {BoundMs:0.###}ms");

    [GeneratedRegex(@"^\s*(?<metric>accept|completion)\.p(?<q>[0-9.]+)\s*(?<op><=|<)\s*(?<bound>\S+)\s*$")]
    private static partial Regex Shape();
}
