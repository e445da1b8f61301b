using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Simulation.Calibration;

namespace ArchLab.Simulation.Tests.Calibration;

/// <summary>
/// A step's hold from its ledger: the time from one effect to the next execution's start where work was waiting. One
/// worker, 13 ms of service and 1.5 ms between executions, as durability's payment: a hold of 1.5 ms.
/// </summary>
public sealed class HoldTests
{
    private static long At(double seconds) => (long)(seconds * Stopwatch.Frequency);

    private static (List<LedgerRecord> Executions, Dictionary<OrderId, long> Arrived) BackToBack(double arrivedBefore)
    {
        var executions = new List<LedgerRecord>();
        var arrived = new Dictionary<OrderId, long>();
        var begin = 1.0;
        for (var i = 0; i < 40; i++)
        {
            var id = new OrderId(1, i);
            var effect = begin + 0.013;
            executions.Add(new LedgerRecord(id, StepCodes.Payment, 1, At(effect), 7, ServiceMicros: 13_000));
            arrived[id] = At(begin - arrivedBefore);
            begin = effect + 0.0015;
        }

        return (executions, arrived);
    }

    [Fact]
    public void Back_to_back_executions_of_waiting_work_show_the_worker_s_hold()
    {
        var (executions, arrived) = BackToBack(arrivedBefore: 0.5);

        Assert.Equal(0.0015, StepTimes.Hold(executions, arrived)!.Value, 6);
    }

    [Fact]
    public void Work_that_was_still_on_its_way_says_nothing_of_the_hold()
    {
        // Each order reached the step 1 ms before its execution began: the gap is its hop, not the worker's.
        var (executions, arrived) = BackToBack(arrivedBefore: 0.001);

        Assert.Null(StepTimes.Hold(executions, arrived));
    }
}
