namespace ArchLab.Simulation.Calibration;

/// <summary>
/// Ways of whole measured orders, side by side, one row per order: the caller's way in and back of one group, the hop
/// to each step of another (taken from orders that found every step idle, the only ones whose hops can be told from
/// queueing). An order's ways are alike (a moment the machine is busy slows all of them, a quiet one none), so a
/// simulated order takes each group's ways from one measured order. Drawn each from its own distribution, a chain of
/// three loopback hops adds three independent tails: the monolith scenario's quick profile came out 0.4-0.6 ms slower
/// at the completion p50 than measured in every loopback arm, and its p99 too narrow. Service times stay independent
/// draws: they are the scenario's, which draws them independently.
/// </summary>
/// <param name="Columns">What each value of a row is: <see cref="Send"/>, <see cref="In"/>, a role's hop (the role's name), <see cref="Back"/>.</param>
/// <param name="Rows">Seconds, one row per measured order, in <paramref name="Columns"/>' order.</param>
public sealed record Journeys(IReadOnlyList<string> Columns, IReadOnlyList<double[]> Rows)
{
    /// <summary>The column of the way in: sent until the edge's effect (<see cref="CallerHops"/>).</summary>
    public const string In = "in";

    /// <summary>The column of the way back: the edge's answer until the caller had it.</summary>
    public const string Back = "back";

    /// <summary>The column of the caller's lateness: intended until sent.</summary>
    public const string Send = "send";

    /// <summary>The column holding <paramref name="name"/>, or -1.</summary>
    public int ColumnOf(string name)
    {
        for (var c = 0; c < Columns.Count; c++)
        {
            if (Columns[c] == name)
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>
    /// The rows of the orders that have a value in every column, at most <paramref name="max"/> evenly taken; null when
    /// fewer than <paramref name="min"/> orders do (at a saturated step few orders find it idle, and each hop is then
    /// drawn on its own).
    /// </summary>
    /// <param name="columns">Each column's value by order.</param>
    public static Journeys? Of<TOrder>(IReadOnlyList<(string Name, IReadOnlyDictionary<TOrder, double> ByOrder)> columns, int min, int max)
        where TOrder : notnull
    {
        if (columns.Count == 0)
        {
            return null;
        }

        var rows = new List<double[]>();
        foreach (var order in columns.MinBy(c => c.ByOrder.Count).ByOrder.Keys)
        {
            var row = new double[columns.Count];
            var whole = true;
            for (var c = 0; c < columns.Count && whole; c++)
            {
                whole = columns[c].ByOrder.TryGetValue(order, out row[c]);
            }

            if (whole)
            {
                rows.Add(row);
            }
        }

        if (rows.Count < min)
        {
            return null;
        }

        var step = Math.Max(1, (rows.Count + max - 1) / max);
        return new Journeys([.. columns.Select(c => c.Name)], [.. rows.Where((_, n) => n % step == 0)]);
    }
}
