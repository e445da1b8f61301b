using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;

namespace ArchLab.Services.Core.Inbox;

/// <summary>What <see cref="ProcessedInbox.TryClaim"/> found.</summary>
public enum InboxClaim
{
    /// <summary>Nobody has done this order: the caller runs the step and must <see cref="ProcessedInbox.Release"/> it.</summary>
    Claimed,

    /// <summary>This role wrote the order's effect already.</summary>
    Done,

    /// <summary>Another delivery or request of the order is running the step right now.</summary>
    InFlight,
}

/// <summary>
/// The orders whose effect this role has written, plus the ones being processed right now. The done set is
/// the role's own ledger read back at start-up, so a restarted role remembers; after that an effect is
/// added the moment its ledger record is written (the record is the inbox entry; the set only caches it).
/// </summary>
public sealed class ProcessedInbox
{
    private readonly HashSet<OrderId> _done = [];
    private readonly Dictionary<OrderId, TaskCompletionSource> _inFlight = [];
    private readonly Lock _gate = new();

    /// <summary>Orders of the ledger, read at start-up.</summary>
    public int Recovered { get; private init; }

    /// <summary>An inbox holding the effects <paramref name="ledgerPath"/> already has for <paramref name="step"/>; empty without a ledger.</summary>
    public static ProcessedInbox Load(string? ledgerPath, ushort step)
    {
        var done = new HashSet<OrderId>();
        if (ledgerPath is not null)
        {
            foreach (var record in new LedgerReader(ledgerPath).Read())
            {
                if (record.Step == step)
                {
                    done.Add(record.Id);
                }
            }
        }

        var inbox = new ProcessedInbox { Recovered = done.Count };
        inbox._done.UnionWith(done);
        return inbox;
    }

    /// <summary>Claims <paramref name="id"/> for one execution; <paramref name="running"/> completes when a running one ends.</summary>
    public InboxClaim TryClaim(OrderId id, out Task running)
    {
        lock (_gate)
        {
            running = Task.CompletedTask;
            if (_done.Contains(id))
            {
                return InboxClaim.Done;
            }

            if (_inFlight.TryGetValue(id, out var other))
            {
                running = other.Task;
                return InboxClaim.InFlight;
            }

            _inFlight[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return InboxClaim.Claimed;
        }
    }

    /// <summary>Records that the effect of <paramref name="id"/> is written (call it right after the ledger append).</summary>
    public void MarkDone(OrderId id)
    {
        lock (_gate)
        {
            _done.Add(id);
        }
    }

    /// <summary>Ends a claim, whether the step succeeded or not; waiters then look again.</summary>
    public void Release(OrderId id)
    {
        TaskCompletionSource? running;
        lock (_gate)
        {
            _inFlight.Remove(id, out running);
        }

        running?.TrySetResult();
    }

    public bool IsDone(OrderId id)
    {
        lock (_gate)
        {
            return _done.Contains(id);
        }
    }
}
