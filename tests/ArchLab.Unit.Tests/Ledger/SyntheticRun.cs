using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Services.Core.Ledger;

namespace ArchLab.Unit.Tests.Ledger;

/// <summary>Builds the caller's records and real ledger files of a made-up run, for the checker to judge.</summary>
internal sealed class SyntheticRun : IDisposable
{
    public const uint Nonce = 0xabcdef01;
    private readonly Dictionary<ushort, LedgerWriter> _writers = [];
    private readonly List<CallerRecord> _callers = [];

    /// <param name="receivers">Fan-out receivers: 1 is <c>notify</c>, more are <c>notify.1</c> .. <c>notify.N</c>.</param>
    public SyntheticRun(int receivers = 1)
    {
        Folder = Path.Combine(Path.GetTempPath(), "archlab-tests", $"ledger-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        Receivers = [.. Roles.Receivers(receivers).Select(StepCodes.Of)];
        foreach (var step in (ushort[])[StepCodes.Edge, StepCodes.Inventory, StepCodes.Payment, .. Receivers])
        {
            _writers[step] = new LedgerWriter(Path.Combine(Folder, $"{step}.ledger"), step);
        }
    }

    public string Folder { get; }

    /// <summary>The receivers' step codes.</summary>
    public ushort[] Receivers { get; }

    public long MeasureStart { get; } = Stopwatch.GetTimestamp();

    /// <summary>The caller sent order <paramref name="seq"/> and saw <paramref name="outcome"/>.</summary>
    public SyntheticRun Caller(long seq, CallerOutcome outcome, bool warmup = false)
    {
        _callers.Add(new CallerRecord(seq, MeasureStart, outcome, warmup));
        return this;
    }

    /// <summary>Each listed step wrote its effect for the order once.</summary>
    public SyntheticRun Effects(long seq, params ushort[] steps) => Effects(new OrderId(Nonce, seq), steps);

    public SyntheticRun Effects(OrderId id, params ushort[] steps)
    {
        foreach (var step in steps)
        {
            _writers[step].Append(id, attempt: 1);
        }

        return this;
    }

    /// <summary>One step wrote its effect for the order; returns the record's timestamp.</summary>
    public long Effect(long seq, ushort step) => _writers[step].Append(new OrderId(Nonce, seq), attempt: 1);

    /// <summary>One step ran for the order and failed; returns the record's timestamp.</summary>
    public long Failure(long seq, ushort step) => _writers[step].AppendFailedAttempt(new OrderId(Nonce, seq), attempt: 1);

    /// <summary>Every step, once: an order that went through cleanly.</summary>
    public SyntheticRun Complete(long seq) => Effects(seq, [StepCodes.Edge, StepCodes.Inventory, StepCodes.Payment, .. Receivers]);

    public CheckResult Check(bool brokerStillHolds = false, Func<CheckInput, CheckInput>? adjust = null)
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        _writers.Clear();
        var ledgers = ((ushort[])[StepCodes.Edge, StepCodes.Inventory, StepCodes.Payment, .. Receivers])
            .ToDictionary(s => s, s => Path.Combine(Folder, $"{s}.ledger"));
        var input = new CheckInput(Nonce, ledgers, Receivers.ToHashSet(), MeasureStart, brokerStillHolds);
        return LedgerChecker.Check(adjust is null ? input : adjust(input), _callers);
    }

    public void Dispose()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
