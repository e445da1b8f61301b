using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Faults;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>Receivers, the sweep over them, the fan-out mode and the slow tail: the forms, what they become, and the errors.</summary>
public class FanOutScenarioTests
{
    private const string Head = "name: s\ntitle: T\nclaim: C\nwatch: W\n";

    [Fact]
    public void A_sweep_runs_every_arm_once_per_value_named_after_it()
    {
        var scenario = ScenarioLoader.Parse(Head + """
            sweep: { receivers: [1, 4, 16] }
            workflow: { steps: { notify: { time: fixed(1ms), tail: { p: 2%, extra: 50ms } } } }
            arms:
              rest-par: { style: rest, fanOut: parallel }
              jetstream: { style: jetstream }
            """, "s.yaml");

        var arms = scenario.RunArms();

        Assert.Equal(["rest-par@1", "jetstream@1", "rest-par@4", "jetstream@4", "rest-par@16", "jetstream@16"], arms.Select(a => a.Name));
        Assert.Equal([1, 1, 4, 4, 16, 16], arms.Select(scenario.ReceiversOf));
        Assert.All(arms.Where(a => a.Style == Styles.Rest), a => Assert.Equal(FanOutMode.Parallel, a.FanOut));
        Assert.Equal(new SweepPoint("jetstream", SweepSpec.Receivers, 4), arms[3].Sweep);
        Assert.Equal(new SlowTail(0.02, TimeSpan.FromMilliseconds(50)), scenario.Workflow.CostOf(Roles.Receiver(3)).Tail);
    }

    [Fact]
    public void Without_a_sweep_the_arms_run_as_declared_with_the_workflows_receivers()
    {
        var scenario = ScenarioLoader.Parse(Head + "workflow: { receivers: 3 }\narms:\n  rest: { style: rest }\n", "s.yaml");

        Assert.Same(scenario.Arms, scenario.RunArms());
        Assert.Equal(3, scenario.ReceiversOf(scenario.Arms[0]));
        Assert.Equal(FanOutMode.Sequential, scenario.Arms[0].FanOut);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "sweep: { receivers: [1, 2, 2] }\narms: { rest: { style: rest } }", "sweep.receivers[2]: expected a list of distinct whole numbers from 1 to 64, such as [1, 2, 4, 8, 16], got '2'" },
        { "sweep: { receivers: [0] }\narms: { rest: { style: rest } }", "sweep.receivers[0]: expected a list of distinct whole numbers from 1 to 64, such as [1, 2, 4, 8, 16], got '0'" },
        { "sweep: { receivers: 4 }\narms: { rest: { style: rest } }", "sweep.receivers: expected a list of distinct whole numbers from 1 to 64, such as [1, 2, 4, 8, 16], got '4'" },
        { "sweep: { receivers: [1], users: [1, 2] }\narms: { rest: { style: rest } }", "sweep.users: unknown field 'users'; expected one of: receivers" },
        { "sweep: { receivers: [1, 2] }\nworkflow: { receivers: 2 }\narms: { rest: { style: rest } }", "sweep: 'sweep' sets the receivers of every run; leave workflow.receivers out" },
        { "workflow: { receivers: 65 }\narms: { rest: { style: rest } }", "workflow.receivers: expected at most 64 receivers, got 65" },
        { "arms: { rest: { style: rest, fanOut: broadcast } }", "arms.rest.fanOut: expected one of sequential, parallel, got 'broadcast'" },
        { "arms: { js: { style: jetstream, fanOut: parallel } }", "arms.js.fanOut: 'fanOut' is only for styles rest, grpc and nats-request; this arm's style is jetstream" },
        { "workflow: { steps: { notify: { tail: { p: 2% } } } }\narms: { rest: { style: rest } }", "workflow.steps.notify.tail.extra: missing required field 'extra'" },
        { "workflow: { steps: { notify: { tail: { p: 0%, extra: 5ms } } } }\narms: { rest: { style: rest } }", "workflow.steps.notify.tail.p: expected a percentage > 0%, got '0%'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_fan_out_field_is_refused_with_its_path_and_what_was_expected(string yaml, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Head + yaml + "\n", "s.yaml")).Errors;

        Assert.Equal([expected], errors.Select(e => $"{e.Path}: {e.Message}"));
    }

    [Fact]
    public void A_fault_on_a_receiver_the_arm_lacks_is_refused_before_the_run_and_says_which_roles_there_are()
    {
        var scenario = ScenarioLoader.Parse(Head + """
            sweep: { receivers: [1, 3] }
            arms: { rest: { style: rest } }
            faults: [ { at: 1s, for: 1s, kill: notify.2 } ]
            """, "s.yaml");
        var arms = scenario.RunArms();

        ArmFaults.CheckTargets(scenario, arms[1]);
        var refused = Assert.Throws<NotSupportedException>(() => ArmFaults.CheckTargets(scenario, arms[0]));

        Assert.Equal("arm rest@1 has no role 'notify.2': its roles are edge, inventory, payment, notify (1 receiver(s)); fault one receiver by its name", refused.Message);
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Head + "arms: { rest: { style: rest } }\nfaults: [ { at: 1s, kill: notify.0 } ]\n", "s.yaml"));
    }

    [Theory]
    [InlineData(1, new[] { "notify" })]
    [InlineData(3, new[] { "notify.1", "notify.2", "notify.3" })]
    public void Receivers_are_notify_alone_or_numbered_with_a_ledger_code_each(int count, string[] expected)
    {
        var receivers = Roles.Receivers(count);

        Assert.Equal(expected, receivers);
        Assert.All(receivers, r => Assert.Equal(r, StepCodes.NameOf(StepCodes.Of(r))));
        Assert.All(receivers, r => Assert.True(StepCodes.IsReceiver(StepCodes.Of(r))));
        Assert.Equal(count + 3, Roles.AllOf(count).Select(Roles.Ordinal).Distinct().Count());
        Assert.False(Roles.IsKnown("notify.0"));
        Assert.False(Roles.IsKnown("notify.01"));
        Assert.False(Roles.IsKnown($"notify.{Roles.MaxReceivers + 1}"));
    }
}
