using ArchLab.Simulation.Calibration;
using ArchLab.Simulation.Engine;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// Which measured order's ways each simulated order takes (<see cref="Journeys"/>): one drawn per order as it is
/// sent, so its way in, its hops and its way back come from the same measured order.
/// </summary>
internal sealed class OrderJourneys
{
    private readonly Journeys _journeys;
    private readonly RandomStream _draws;
    private readonly int _in;
    private readonly int _back;
    private readonly int[] _hop;
    private readonly List<int> _rowOf = [];

    public OrderJourneys(Journeys journeys, Stages stages, RandomStream draws)
    {
        _journeys = journeys;
        _draws = draws;
        _in = journeys.ColumnOf(Journeys.In);
        _back = journeys.ColumnOf(Journeys.Back);
        _hop = [.. Enumerable.Range(0, stages.Count).Select(s => journeys.ColumnOf(stages.Name(s)))];
    }

    /// <summary>Picks the measured order whose ways <paramref name="order"/> (the next order's number) takes.</summary>
    public void Draw(int order)
    {
        if (order != _rowOf.Count)
        {
            throw new InvalidOperationException($"orders are drawn in the order they are sent: expected {_rowOf.Count}, got {order}");
        }

        _rowOf.Add((int)(_draws.NextDouble() * _journeys.Rows.Count));
    }

    public double? In(int order) => Value(order, _in);

    public double? Hop(int order, int step) => Value(order, _hop[step]);

    public double? Back(int order) => Value(order, _back);

    private double? Value(int order, int column) => column < 0 ? null : _journeys.Rows[_rowOf[order]][column];
}
