using ArchLab.Harness.Model.Results;
using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>The delivery classes of each arm stacked: how every accepted order ended. Arms without a ledger have no bar.</summary>
public static class DeliveryChart
{
    /// <summary>Classes in stacking order, each with a colour of its own (not an arm colour: the x axis names the arm).</summary>
    private static readonly (string Name, string Hex, Func<DeliveryCounts, long> Value)[] Classes =
    [
        ("ok", "#009E73", d => d.Ok),
        ("duplicated", "#E69F00", d => d.Duplicated),
        ("lost", "#D55E00", d => d.Lost),
        ("pending", "#56B4E9", d => d.Pending),
        ("expired", "#CC79A7", d => d.Expired ?? 0),
        ("deadLettered", "#000000", d => d.DeadLettered ?? 0),
    ];

    public static Plot Build(IReadOnlyList<ArmResult> arms, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(style);
        var plot = new Plot();
        style.Apply(plot, "Delivery: how each accepted order ended", "arm", "orders");
        var bars = new List<Bar>();
        for (var i = 0; i < arms.Count; i++)
        {
            if (arms[i].Delivery is not { } delivery)
            {
                continue;
            }

            double stacked = 0;
            foreach (var (_, hex, value) in Classes)
            {
                var v = value(delivery);
                bars.Add(new Bar { Position = i, ValueBase = stacked, Value = stacked + v, FillColor = Color.FromHex(hex), Size = 0.6 });
                stacked += v;
            }
        }

        plot.Add.Bars(bars);
        plot.Legend.ManualItems.AddRange(Classes.Select(c => new LegendItem { LabelText = c.Name, FillColor = Color.FromHex(c.Hex) }));
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, arms.Count).Select(i => (double)i).ToArray(), arms.Select(a => a.Name).ToArray());
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}
