using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Faults;

/// <summary>
/// kill (SIGKILL), stop (SIGTERM) or pause (SIGSTOP..SIGCONT) of a role, of the broker (nats-server, or the RabbitMQ
/// node's Erlang VM), or of one node of a broker cluster (<c>broker.2</c>, or <c>broker.leader</c>: the orders stream's
/// leader when the window opens), with a restart at the end.
/// </summary>
internal sealed class ProcessFaultAction(ProcessFault fault, ArmServices services, IBroker? broker, ResourceSampler resources, Rabbit.LocalRabbitNode? rabbit = null)
    : IFaultAction
{
    private IBrokerProcess? _node;
    private string _nodeName = "nats-server";

    public string? Resolved { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var isBroker = fault.Process == "broker" || BrokerNodes.IsNode(fault.Process);
        if (isBroker && rabbit is not null)
        {
            (_node, _nodeName) = (rabbit, "rabbitmq");
        }
        else if (isBroker)
        {
            var (nodes, resolved) = await BrokerTargets.ResolveAsync(fault.Process, fault.Kind, broker, cancellationToken);
            (_node, _nodeName, Resolved) = (nodes[0].Node, nodes[0].Name, resolved);
        }

        switch (fault.Action)
        {
            case ProcessAction.Pause when isBroker:
                if (!_node!.Process.Send(Signal.Stop))
                {
                    throw new InvalidOperationException($"{fault.Process} is not running, so it cannot be paused");
                }

                break;
            case ProcessAction.Pause:
                await services.PauseAsync(fault.Process, paused: true);
                break;
            case ProcessAction.Kill or ProcessAction.Stop when isBroker:
                resources.Sample(_nodeName);
                _node!.Process.Send(fault.Action == ProcessAction.Kill ? Signal.Kill : Signal.Terminate);
                await _node.Process.Exited.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
                break;
            default:
                await services.EndAsync(fault.Process, fault.Action == ProcessAction.Kill ? Signal.Kill : Signal.Terminate);
                break;
        }
    }

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        switch (fault.Action)
        {
            case ProcessAction.Pause when _node is not null:
                _node.Process.Send(Signal.Continue);
                break;
            case ProcessAction.Pause:
                await services.PauseAsync(fault.Process, paused: false);
                break;
            case ProcessAction.Kill or ProcessAction.Stop when !fault.Restart:
                break;
            case ProcessAction.Kill or ProcessAction.Stop when _node is not null:
                await _node.RestartAsync(cancellationToken);
                resources.Track(_nodeName, _node.Process.Pid);
                break;
            default:
                await services.RestartAsync(fault.Process, cancellationToken);
                break;
        }
    }
}
