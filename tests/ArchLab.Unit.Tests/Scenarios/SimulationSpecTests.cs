using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary><c>simulation: { unmodelled: ... }</c>: the figures a scenario says the simulator does not model, and why.</summary>
public class SimulationSpecTests
{
    private const string Head = """
        name: s
        title: t
        claim: c
        watch: w
        arms: { rest: { style: rest }, jetstream: { style: jetstream } }
        load: { rate: 10/s, duration: 2s }

        """;

    [Fact]
    public void Reasons_apply_to_every_arm_or_to_one_and_the_arms_own_comes_first()
    {
        var scenario = ScenarioLoader.Parse(Head + """
            simulation:
              unmodelled:
                accept.p99: a tail of the machine
                jetstream.accept.p99: the simulator's transport time is zero
            """, "s.yaml");

        var spec = scenario.Simulation;
        Assert.Equal("the simulator's transport time is zero", spec.WhyUnmodelled("jetstream", "accept.p99"));
        Assert.Equal("a tail of the machine", spec.WhyUnmodelled("rest", "accept.p99"));
        Assert.Equal("the simulator's transport time is zero", spec.WhyUnmodelled("jetstream@8", "accept.p99"));
        Assert.Null(spec.WhyUnmodelled("jetstream", "lost"));
    }

    [Fact]
    public void Without_the_field_every_figure_is_modelled_and_the_effective_yaml_keeps_it()
    {
        Assert.Empty(ScenarioLoader.Parse(Head, "s.yaml").Simulation.Unmodelled);

        var scenario = ScenarioLoader.Parse(Head + "simulation: { unmodelled: { lost: why } }\n", "s.yaml");
        var again = ScenarioLoader.Parse(scenario.EffectiveYaml, "s.yaml");

        Assert.Equal(scenario.Simulation, again.Simulation);
        Assert.Equal("why", again.Simulation.WhyUnmodelled("rest", "lost"));
    }

    [Fact]
    public void An_arm_left_out_with_arms_may_keep_its_reasons()
    {
        var scenario = ScenarioLoader.Parse(Head + "simulation: { unmodelled: { rest.lost: why } }\n", "s.yaml", new ScenarioOverrides(Arms: ["jetstream"]));

        Assert.Equal(["jetstream"], scenario.Arms.Select(a => a.Name));
        Assert.Equal("why", scenario.Simulation.WhyUnmodelled("rest", "lost"));
    }

    [Theory]
    [InlineData("simulation: { unmodelled: { accept.p98: x } }", "simulation.unmodelled.accept.p98: unknown figure 'accept.p98'; expected one of: accept.p50, accept.p99, completion.p50, completion.p99, lost, expired, deadLettered, errors, drainSec; did you mean 'accept.p99'?")]
    [InlineData("simulation: { unmodelled: { jetsream.lost: x } }", "simulation.unmodelled.jetsream.lost: unknown arm 'jetsream'; expected one of: rest, jetstream; did you mean 'jetstream'?")]
    [InlineData("simulation: { unmodelled: { rest.los: x } }", "simulation.unmodelled.rest.los: unknown figure 'los'; expected one of: accept.p50, accept.p99, completion.p50, completion.p99, lost, expired, deadLettered, errors, drainSec; did you mean 'lost'?")]
    [InlineData("simulation: { unmodelled: { lost: '' } }", "simulation.unmodelled.lost: expected the reason the figure is not modelled, got an empty text")]
    [InlineData("simulation: { unmodelled: [lost] }", "simulation.unmodelled: expected a mapping of figure (accept.p99) or arm.figure (jetstream.accept.p99) to the reason it is not modelled, got a list")]
    [InlineData("simulation: { unmodeled: { lost: x } }", "simulation.unmodeled: unknown field 'unmodeled'; expected one of: unmodelled; did you mean 'unmodelled'?")]
    public void A_bad_entry_is_an_error_that_names_it(string yaml, string expected)
    {
        var errors = ScenarioFiles.ErrorsOf(() => ScenarioLoader.Parse(Head + yaml + "\n", "s.yaml"));

        var error = Assert.Single(errors);
        Assert.EndsWith(expected, error, StringComparison.Ordinal);
    }
}
