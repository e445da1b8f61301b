using ArchLab.Simulation.Calibration;
using ArchLab.Simulation.Engine;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// Which measured orders' ways each simulated order takes (<see cref="Journeys"/>): one row of each group drawn per
/// order as it is sent, so its way in and back come from one measured order, and its hops from one measured order.
/// </summary>
internal sealed class OrderJourneys
{
    private readonly IReadOnlyList<Journeys> _groups;
    private readonly RandomStream _draws;
    private readonly (int Group, int Column) _in;
    private readonly (int Group, int Column) _back;
    private readonly (int Group, int Column) _send;
    private readonly (int Group, int Column)[] _hop;
    private readonly List<int> _rowOf = [];

    public OrderJourneys(IReadOnlyList<Journeys> groups, Stages stages, RandomStream draws)
    {
        _groups = groups.Any(g => g.Rows.Count == 0) ? throw new ArgumentException("every group of journeys needs at least one row", nameof(groups)) : groups;
        _draws = draws;
        _in = Find(Journeys.In);
        _back = Find(Journeys.Back);
        _send = Find(Journeys.Send);
        _hop = [.. Enumerable.Range(0, stages.Count).Select(s => Find(stages.Name(s)))];
    }

    /// <summary>Picks the measured orders whose ways <paramref name="order"/> (the next order's number) takes.</summary>
    public void Draw(int order)
    {
        if (order * _groups.Count != _rowOf.Count)
        {
            throw new InvalidOperationException($"orders are drawn in the order they are sent: expected {_rowOf.Count / _groups.Count}, got {order}");
        }

        foreach (var group in _groups)
        {
            _rowOf.Add((int)(_draws.NextDouble() * group.Rows.Count));
        }
    }

    public double? In(int order) => Value(order, _in);

    public double? Hop(int order, int step) => Value(order, _hop[step]);

    public double? Back(int order) => Value(order, _back);

    /// <summary>How late the measured caller sent the order this one follows; null: not calibrated.</summary>
    public double? Send(int order) => Value(order, _send);

    private (int Group, int Column) Find(string name)
    {
        for (var g = 0; g < _groups.Count; g++)
        {
            if (_groups[g].ColumnOf(name) is >= 0 and var column)
            {
                return (g, column);
            }
        }

        return (-1, -1);
    }

    private double? Value(int order, (int Group, int Column) at) =>
        at.Group < 0 ? null : _groups[at.Group].Rows[_rowOf[(order * _groups.Count) + at.Group]][at.Column];
}
