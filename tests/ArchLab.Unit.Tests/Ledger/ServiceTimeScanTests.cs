using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Services.Core.Ledger;

namespace ArchLab.Unit.Tests.Ledger;

/// <summary>The service-time table read back from real ledger files: configured, drawn, measured, and the notes.</summary>
public sealed class ServiceTimeScanTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-service-times-").FullName;

    private static Func<string, StepCost> Workflow => new WorkflowSpec(WorkflowSpec.DefaultPayload, new Dictionary<string, StepCost>
    {
        [Roles.Payment] = new(new ServiceTime(ServiceTimeKind.Exponential, TimeSpan.FromMilliseconds(10)), Workers: 1),
        [Roles.Notify] = new(new ServiceTime(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(2))),
    }).CostOf;

    [Fact]
    public void Each_costed_step_gets_its_configured_drawn_and_measured_figures_and_free_steps_none()
    {
        var ledgers = Ledgers(3);
        // payment drew 5 and 15 ms and took 10% longer; every receiver drew 2 ms and took 2.02 ms.
        Write(ledgers[StepCodes.Payment], StepCodes.Payment, (5_000, 5_500), (15_000, 16_500));
        foreach (var receiver in Roles.Receivers(3).Select(StepCodes.Of))
        {
            Write(ledgers[receiver], receiver, (2_000, 2_020));
        }

        Write(ledgers[StepCodes.Inventory], StepCodes.Inventory, (0, 3));

        var times = ServiceTimeScan.Read(ledgers, Workflow);

        Assert.Equal(["payment", "notify"], times.Select(t => t.Step));
        var payment = times[0];
        Assert.Equal(("exp(10ms)", "wait", 10.0, 46.052), (payment.Configured, payment.Mode, payment.ConfiguredMeanMs, payment.ConfiguredP99Ms));
        Assert.Equal((10.0, 2L, 11.0), (payment.DrawnMeanMs, payment.Measured.Count, payment.Measured.Mean));
        Assert.Equal(0.1, payment.MeanDeviation!.Value, 6);
        var notify = times[1];
        Assert.Equal((3L, 2.0, 0.01), (notify.Measured.Count, notify.DrawnMeanMs, notify.MeanDeviation));
    }

    [Fact]
    public void A_step_past_ten_percent_gets_a_note_and_one_within_it_none()
    {
        var ledgers = Ledgers(1);
        Write(ledgers[StepCodes.Payment], StepCodes.Payment, (10_000, 11_200));
        Write(ledgers[StepCodes.Notify], StepCodes.Notify, (2_000, 2_100));

        var notes = ServiceTimeScan.Notes(ServiceTimeScan.Read(ledgers, Workflow)).ToList();

        var note = Assert.Single(notes);
        Assert.StartsWith("payment's service time strayed from what it drew: mean 11.2 ms against 10 ms (+12%)", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_that_carry_no_service_time_are_left_out()
    {
        var ledgers = Ledgers(1);
        using (var writer = new LedgerWriter(ledgers[StepCodes.Payment], StepCodes.Payment))
        {
            writer.Append(new OrderId(1, 1), 1); // written without timing
        }

        Assert.Empty(ServiceTimeScan.Read(ledgers, Workflow));
    }

    private Dictionary<ushort, string> Ledgers(int receivers) =>
        Roles.AllOf(receivers).ToDictionary(StepCodes.Of, r => Path.Combine(_folder, $"{r}.ledger"));

    /// <summary>Appends records of executions that drew and took exactly the given microseconds.</summary>
    private static void Write(string path, ushort step, params (int Planned, int Took)[] executions)
    {
        using var file = new FileStream(path, FileMode.Append);
        var bytes = new byte[LedgerRecord.Size];
        var seq = 0;
        foreach (var (planned, took) in executions)
        {
            new LedgerRecord(new OrderId(1, seq++), step, 1, Stopwatch.GetTimestamp(), 1, took, planned).WriteTo(bytes);
            file.Write(bytes);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
