using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArchLab.Harness.Model.Agreement;

/// <summary>How a measured figure and its simulated twin compare; camelCase text in results.json.</summary>
[JsonConverter(typeof(AgreementVerdictJson))]
public enum AgreementVerdict
{
    /// <summary>Within the bound.</summary>
    Agree,

    /// <summary>Beyond the bound, or one side has the figure and the other has not.</summary>
    Disagree,

    /// <summary>The scenario says the simulator does not model the figure, and why: not compared.</summary>
    Unmodelled,

    /// <summary>Neither side has the figure (expired of an arm without a TTL, a drain that never began).</summary>
    NotApplicable,
}

/// <summary>One headline figure of one arm, measured and simulated, the bound they were held to and the verdict.</summary>
/// <param name="Bound">The largest difference that agrees, in the figure's unit.</param>
/// <param name="Reason">Why the figure is not modelled (<see cref="AgreementVerdict.Unmodelled"/>), else null.</param>
public sealed record FigureAgreement(string Arm, string Figure, double? Measured, double? Simulated, double Bound, AgreementVerdict Verdict, string? Reason)
{
    public override string ToString() => Verdict switch
    {
        AgreementVerdict.Unmodelled => $"{Arm} {Figure}: not modelled ({Reason}); measured {Show(Measured)}, simulated {Show(Simulated)}",
        AgreementVerdict.NotApplicable => $"{Arm} {Figure}: applies to neither",
        _ => $"{Arm} {Figure}: measured {Show(Measured)}, simulated {Show(Simulated)}, bound ±{Show(Bound)}: {(Verdict == AgreementVerdict.Agree ? "agree" : "DISAGREE")}",
    };

    private static string Show(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "none";
}

/// <summary>The verdict as results.json spells it: <c>agree</c>, <c>disagree</c>, <c>unmodelled</c>, <c>notApplicable</c>.</summary>
public sealed class AgreementVerdictJson() : JsonStringEnumConverter<AgreementVerdict>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
