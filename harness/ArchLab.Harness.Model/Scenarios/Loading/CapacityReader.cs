using ArchLab.Harness.Model.Capacity;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>Reads <c>capacity:</c>, the defaults of the capacity search (<see cref="CapacitySpec"/>).</summary>
internal static class CapacityReader
{
    private static readonly string[] Known = ["from", "max", "precision", "curvePoints", "of", "slo"];

    public static CapacitySpec? Read(Fields scenario, Problems problems)
    {
        if (!scenario.Has("capacity"))
        {
            return null;
        }

        var fields = Fields.Of(scenario.Value("capacity"), "capacity", problems, Known,
            "the capacity search's defaults such as { from: 100/s, precision: 5%, curvePoints: 5, of: completion, slo: \"accept.p99 < 50ms\" }");
        if (fields is null)
        {
            return null;
        }

        var defaults = CapacitySpec.Default;
        var from = fields.Rate("from");
        var max = fields.Rate("max");
        if (from is { } f && max is { } m && m.PerSec < f.PerSec)
        {
            fields.Wrong("max", $"expected a rate of at least from ({f}), got {m}");
        }

        var precision = fields.PositiveFraction("precision");
        var curvePoints = fields.Integer("curvePoints", 0);
        if (curvePoints > 50)
        {
            fields.Wrong("curvePoints", $"expected 0 to 50 rates for the curve, got {curvePoints}");
        }

        var slo = fields.Text("slo", required: false, oneLine: true);
        if (slo is not null)
        {
            try
            {
                CapacityObjective.Parse(slo);
            }
            catch (FormatException e)
            {
                fields.Wrong("slo", e.Message);
            }
        }

        return new CapacitySpec(from, max, precision ?? defaults.Precision, curvePoints ?? defaults.CurvePoints,
            fields.Choice("of", ["completion", "accept"]) ?? defaults.Of, slo);
    }
}
