using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Faults;

/// <summary>kill (SIGKILL), stop (SIGTERM) or pause (SIGSTOP..SIGCONT) of a role or of the broker, with a restart at the end.</summary>
internal sealed class ProcessFaultAction(ProcessFault fault, ArmServices services, LocalNatsServer? broker, ResourceSampler resources) : IFaultAction
{
    private const string BrokerTarget = "broker";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        switch (fault.Action)
        {
            case ProcessAction.Pause when fault.Process == BrokerTarget:
                if (!Broker.Process.Send(Signal.Stop))
                {
                    throw new InvalidOperationException("the broker is not running, so it cannot be paused");
                }

                break;
            case ProcessAction.Pause:
                services.Pause(fault.Process, paused: true);
                break;
            case ProcessAction.Kill or ProcessAction.Stop when fault.Process == BrokerTarget:
                resources.Sample("nats-server");
                Broker.Process.Send(fault.Action == ProcessAction.Kill ? Signal.Kill : Signal.Terminate);
                await Broker.Process.Exited.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
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
            case ProcessAction.Pause when fault.Process == BrokerTarget:
                Broker.Process.Send(Signal.Continue);
                break;
            case ProcessAction.Pause:
                services.Pause(fault.Process, paused: false);
                break;
            case ProcessAction.Kill or ProcessAction.Stop when !fault.Restart:
                break;
            case ProcessAction.Kill or ProcessAction.Stop when fault.Process == BrokerTarget:
                await Broker.RestartAsync(cancellationToken);
                resources.Track("nats-server", Broker.Process.Pid);
                break;
            default:
                await services.RestartAsync(fault.Process, cancellationToken);
                break;
        }
    }

    private LocalNatsServer Broker => broker ?? throw new InvalidOperationException("broker faults need a nats-server started by the harness");
}
