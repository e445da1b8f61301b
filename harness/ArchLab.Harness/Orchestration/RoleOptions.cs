using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Orchestration;

/// <summary>What each role of an arm is started with: the one place where arm options become service options.</summary>
public static class RoleOptions
{
    /// <summary>The options one role of the arm is started with: the arm's style and options, the scenario's cost and seed.</summary>
    /// <param name="ledgerPath">The role's ledger; null when the arm runs without one.</param>
    /// <param name="downstream">Synchronous edge: where each step role listens.</param>
    /// <param name="brokerUrl">The broker, for the messaging styles: nats-server's URL, or the arm's RabbitMQ virtual host.</param>
    /// <param name="traceEndpoint">The run's trace collector, for an arm that traces.</param>
    public static ServiceOptions For(
        Scenario scenario, ArmSpec arm, string role, string? ledgerPath, IReadOnlyDictionary<string, string> downstream, string? brokerUrl,
        Uri? traceEndpoint = null) => new()
    {
        Role = role,
        Style = arm.Style,
        LedgerPath = ledgerPath,
        Port = 0,
        Cost = scenario.CostOf(arm, role),
        Seed = scenario.SeedOf(role),
        Receivers = scenario.ReceiversOf(arm),
        FanOut = arm.FanOut,
        Downstream = downstream,
        CallTimeout = arm.CallTimeout,
        Resilience = arm.Resilience,
        Idempotent = arm.Idempotent,
        JetStream = arm.JetStream is { } js
            ? new JetStreamConsumerOptions { Backoff = [.. js.Backoff], Dedupe = js.Dedupe, DeadLetter = js.DeadLetter }
            : JetStreamConsumerOptions.Default,
        RabbitMq = arm.RabbitMq is { } rabbit
            ? new RabbitConsumerOptions
            {
                Confirms = rabbit.Queue == RabbitQueueType.Quorum, Prefetch = rabbit.Prefetch, MaxDeliver = rabbit.MaxDeliver, Backoff = [.. rabbit.Backoff],
                DeadLetter = rabbit.DeadLetter,
            }
            : RabbitConsumerOptions.Default,
        NatsUrl = ArchLab.Contracts.Workflow.Styles.NeedsRabbit(arm.Style) ? null : brokerUrl,
        RabbitUrl = ArchLab.Contracts.Workflow.Styles.NeedsRabbit(arm.Style) ? brokerUrl : null,
        // Read back by the caller, or polled by the arm's pages.
        ReadModel = scenario.Load.ReadAfter is not null || arm.Devices is { Pushed: false },
        DevicePages = arm.Devices is { Pushed: true } devices ? devices.Pages : 0,
        Tracing = arm.Tracing == TracingMode.Off || traceEndpoint is null
            ? null
            : new TracingOptions { Endpoint = traceEndpoint.ToString(), Propagate = arm.Tracing == TracingMode.On },
        ExitWhenParentGone = true,
    };

    /// <summary>The <c>inproc</c> edge's own options: the step roles it runs (their options as <see cref="For"/> makes them) and how it answers.</summary>
    public static InProcOptions InProcOf(ArmSpec arm, IReadOnlyList<ServiceOptions> steps) => new()
    {
        Steps = steps,
        AnswerOnCompletion = arm.AnswersOnCompletion,
        Queue = (arm.InProc ?? InProcArmOptions.Default).Queue,
    };
}
