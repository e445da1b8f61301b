using System.Diagnostics;
using System.Threading.Channels;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Edge;
using ArchLab.Services.Host.Edge.ReadModel;
using ArchLab.Services.Host.Hosting;

namespace ArchLab.Services.Host.Styles.InProc;

/// <summary>An order on its way through the in-process steps; <paramref name="Done"/> is awaited by an edge that answers on completion.</summary>
public sealed record InProcOrder(OrderId Id, int Attempt, TaskCompletionSource<PipelineResult>? Done)
{
    private int _receiversLeft = 1;

    /// <summary>The span that last put the order into a channel: the bus's trace context, as a header is a broker's.</summary>
    internal ActivityContext Trace { get; set; }

    /// <summary>Sets how many receivers must be done before the order is.</summary>
    internal void FanOutTo(int receivers) => _receiversLeft = receivers;

    /// <summary>One receiver is done; true for the last of them.</summary>
    internal bool ReceiverDone() => Interlocked.Decrement(ref _receiversLeft) == 0;
}

/// <summary>
/// The in-process event bus of an <c>inproc</c> edge: one bounded channel per step role, read by as many worker tasks
/// as the step has workers (the step's own runner, ledger and cost, as in a process of its own). A step that wrote its
/// effect writes the order into the next step's channel, waiting while that one is full (back-pressure, never a drop);
/// a step that failed ends the order there (nothing keeps it for a retry, as with core NATS): its failed attempt is in
/// the ledger, and the checker counts the order as lost. Orders still in a channel when the process ends are gone.
/// The fan-out receivers (<c>notify</c>, or <c>notify.1</c> .. <c>notify.N</c>) each have their own channel: the step
/// before them writes the order into every one, and the order is done when the last receiver is.
/// </summary>
public sealed class InProcBus : IHostedService
{
    private readonly IReadOnlyList<StepRunner> _steps;
    private readonly IReadOnlyList<int> _workers;
    private readonly Channel<InProcOrder>[] _channels;
    private readonly int _firstReceiver;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger<InProcBus> _log;
    private readonly bool _propagate;
    private readonly OrderStates _states;
    private Task _running = Task.CompletedTask;

    public InProcBus(ProcessRoles roles, ServiceOptions options, OrderStates states, ILogger<InProcBus> log)
    {
        var inproc = options.InProc ?? throw new ArgumentException("the inproc edge needs inProc options with its step roles", nameof(options));
        if (roles.Steps.Count == 0)
        {
            throw new ArgumentException("the inproc edge needs at least one step role in inProc.steps", nameof(options));
        }

        _log = log;
        _states = states;
        _propagate = options.Tracing?.Propagate == true;
        _steps = roles.Steps;
        var receivers = _steps.Select((step, index) => (step, index)).Where(s => Roles.IsReceiver(s.step.Role)).ToList();
        _firstReceiver = receivers.Count > 0 ? receivers[0].index : _steps.Count - 1;
        _workers = [.. inproc.Steps.Select(s => s.HandlerConcurrency)];
        Queue = inproc.Queue;
        _channels = [.. _steps.Select(_ => Channel.CreateBounded<InProcOrder>(new BoundedChannelOptions(inproc.Queue)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        }))];
    }

    /// <summary>Capacity of each step's channel.</summary>
    public int Queue { get; }

    /// <summary>The first step's role, whose channel takes new orders.</summary>
    public string FirstStep => _steps[0].Role;

    /// <summary>Puts a new order in the first step's channel at once; false when that channel is full.</summary>
    public bool TryPublish(InProcOrder order)
    {
        Stamp(order);
        return _channels[0].Writer.TryWrite(order);
    }

    /// <summary>With propagation on, the span in force travels with the order to the next step.</summary>
    private void Stamp(InProcOrder order)
    {
        if (_propagate)
        {
            order.Trace = Activity.Current?.Context ?? default;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(_steps.SelectMany((_, index) =>
            Enumerable.Range(0, _workers[index]).Select(_ => Task.Run(() => WorkAsync(index, _stopping.Token), CancellationToken.None))));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var channel in _channels)
        {
            channel.Writer.TryComplete();
        }

        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task WorkAsync(int index, CancellationToken stopping)
    {
        var step = _steps[index];
        var receiver = index >= _firstReceiver;
        // The step before the receivers writes to each of them; a receiver is a last step.
        ChannelWriter<InProcOrder>[] next = receiver ? []
            : index + 1 == _firstReceiver ? [.. _channels[_firstReceiver..].Select(c => c.Writer)]
            : [_channels[index + 1].Writer];
        var receivers = _channels.Length - _firstReceiver;
        try
        {
            await foreach (var order in _channels[index].Reader.ReadAllAsync(stopping))
            {
                using var dequeued = StepSpans.StartDequeued(step.Role, order.Id, order.Trace);
                var outcome = await step.ExecuteAsync(order.Id, order.Attempt, stopping);
                if (!outcome.Succeeded)
                {
                    order.Done?.TrySetResult(new PipelineResult(PipelineFailure.DownstreamError, step.Role, $"{step.Role} failed {order.Id}: {outcome.Failure}"));
                }
                else if (receiver)
                {
                    // The in-process projection: the read model hears of each receiver's effect as it happens.
                    _states.ReceiverDone(order.Id, step.Role);
                    if (order.ReceiverDone())
                    {
                        order.Done?.TrySetResult(PipelineResult.Ok);
                    }
                }
                else
                {
                    if (index + 1 == _firstReceiver)
                    {
                        order.FanOutTo(receivers);
                    }

                    Stamp(order);
                    foreach (var writer in next)
                    {
                        await writer.WriteAsync(order, stopping);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
            // The next channel closed first: the process is stopping.
        }
        catch (Exception e)
        {
            _log.LogError(e, "{Role}: an in-process worker stopped", step.Role);
            throw;
        }
    }
}
