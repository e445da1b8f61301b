using System.Collections.Concurrent;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Ledger;

namespace ArchLab.Services.Host.Edge.ReadModel;

/// <summary>
/// The edge's read model: what <c>GET /orders/{id}</c> answers. An order is <c>accepted</c> once the edge placed
/// it and <c>completed</c> once every fan-out receiver's effect is known here: at once for the styles whose answer
/// means done (read-your-writes), from the receivers' completion events for the others (eventually). The moment an
/// order first shows completed goes to <c>readmodel.ledger</c> beside the roles' ledgers, so a run can measure how
/// long the model lagged. Does nothing unless the options ask for a read model.
/// </summary>
public sealed class OrderStates : IDisposable
{
    private readonly ConcurrentDictionary<OrderId, Entry> _orders = new();

    // Every completion in the order the model learnt it: the feed a polling page reads from its cursor on.
    private readonly List<OrderId> _completions = [];
    private readonly int _receivers;
    private readonly LedgerWriter? _ledger;

    public OrderStates(ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Enabled = options.ReadModel && options.Role == Roles.Edge;
        _receivers = Math.Max(1, options.Receivers);
        _ledger = Enabled && options.LedgerPath is { } path
            ? new LedgerWriter(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, StepCodes.ReadModelFile), StepCodes.ReadModel)
            : null;
    }

    /// <summary>Whether this process keeps a read model.</summary>
    public bool Enabled { get; }

    /// <summary>The edge placed the order: it reads <c>accepted</c> until it completes.</summary>
    public void Accepted(OrderId id)
    {
        if (Enabled)
        {
            _orders.GetOrAdd(id, static _ => new Entry());
        }
    }

    /// <summary>The whole workflow is done, as the edge learnt in the request path.</summary>
    public void Completed(OrderId id)
    {
        if (Enabled)
        {
            Complete(id, _orders.GetOrAdd(id, static _ => new Entry()));
        }
    }

    /// <summary>A receiver's effect is known: the order completes with the last of them. A repeated announcement counts once.</summary>
    public void ReceiverDone(OrderId id, string receiver)
    {
        if (!Enabled)
        {
            return;
        }

        var entry = _orders.GetOrAdd(id, static _ => new Entry());
        bool last;
        lock (entry)
        {
            last = entry.Receivers.Add(receiver) && entry.Receivers.Count == _receivers;
        }

        if (last)
        {
            Complete(id, entry);
        }
    }

    /// <summary>What the model says of <paramref name="id"/>: <c>accepted</c>, <c>completed</c>, or null for an order it never saw.</summary>
    public string? StateOf(OrderId id)
    {
        if (!_orders.TryGetValue(id, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            return entry.Done ? "completed" : "accepted";
        }
    }

    /// <summary>
    /// The orders of page <paramref name="page"/> of <paramref name="pages"/> (those whose sequence number modulo
    /// <paramref name="pages"/> is the page) that completed after cursor <paramref name="after"/>, and the cursor to ask
    /// from next: what a page that polls the edge learns per request.
    /// </summary>
    public DeviceOrders CompletedSince(int page, int pages, long after)
    {
        var orders = new List<string>();
        lock (_completions)
        {
            for (var i = (int)Math.Clamp(after, 0, _completions.Count); i < _completions.Count; i++)
            {
                if (_completions[i].Seq % pages == page)
                {
                    orders.Add(_completions[i].ToString());
                }
            }

            return new DeviceOrders(_completions.Count, orders);
        }
    }

    public void Dispose() => _ledger?.Dispose();

    private void Complete(OrderId id, Entry entry)
    {
        lock (entry)
        {
            if (entry.Done)
            {
                return;
            }

            entry.Done = true;
        }

        _ledger?.Append(id, 1);
        lock (_completions)
        {
            _completions.Add(id);
        }
    }

    private sealed class Entry
    {
        public HashSet<string> Receivers { get; } = new(StringComparer.Ordinal);

        public bool Done { get; set; }
    }
}
