using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

public class OverridesTests
{
    private static readonly string Full = ScenarioFiles.Valid("full-scenario.yaml");

    private static Scenario Load(ScenarioOverrides overrides) => ScenarioLoader.Load(Full, overrides);

    [Fact]
    public void A_profile_merges_mappings_key_by_key_and_replaces_lists()
    {
        var scenario = Load(new ScenarioOverrides(Profile: "quick"));

        Assert.Equal("quick", scenario.Profile);
        Assert.Equal((TimeSpan.FromSeconds(8), Rate.PerSecond(50), TimeSpan.FromSeconds(2)), (scenario.Load.Duration, scenario.Load.Rate, scenario.Load.Warmup));
        Assert.Equal((Arrival.Poisson, Rate.PerSecond(20), 1500), (scenario.Load.Arrival, scenario.Load.RampFrom, scenario.Load.MaxInFlight));
        Assert.Equal([new ProcessFault(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2), ProcessAction.Kill, "payment")], scenario.Faults);
    }

    [Fact]
    public void A_profile_can_unset_fields_with_null()
    {
        var scenario = Load(new ScenarioOverrides(Profile: "closed"));

        Assert.Equal((LoadModel.Closed, 16, TimeSpan.FromMilliseconds(10)), (scenario.Load.Model, scenario.Load.Users, scenario.Load.Think));
        Assert.Equal(new LoadSpec().Rate, scenario.Load.Rate);
        Assert.Null(scenario.Load.RampFrom);
    }

    [Fact]
    public void An_unknown_profile_lists_the_known_ones() =>
        Assert.Equal(
            ["--profile: profiles: unknown profile 'quik'; expected one of: quick, closed; did you mean 'quick'?"],
            ScenarioFiles.ErrorsOf(() => Load(new ScenarioOverrides(Profile: "quik"))));

    [Fact]
    public void Rate_and_duration_replace_the_load_after_the_profile()
    {
        var scenario = Load(new ScenarioOverrides(Profile: "quick", Rate: "1200/m", Duration: "1m"));

        Assert.Equal((Rate.PerSecond(20), TimeSpan.FromMinutes(1)), (scenario.Load.Rate, scenario.Load.Duration));
    }

    [Fact]
    public void Set_replaces_values_and_creates_missing_keys()
    {
        var scenario = Load(new ScenarioOverrides(Set:
        [
            "workflow.steps.payment.workers=2",
            "arms.jetstream-ttl.maxAge=5s",
            "workflow.payload=1KB",
            "faults[3].burst=4x",
            "arms.grpc.timeout = 1s",
        ]));

        Assert.Equal(2, scenario.Workflow.CostOf("payment").Workers);
        Assert.Equal(TimeSpan.FromSeconds(5), scenario.Arms[3].JetStream!.MaxAge);
        Assert.Equal(1000, scenario.Workflow.Payload.Bytes);
        Assert.Equal(4, Assert.IsType<BurstFault>(scenario.Faults[3]).Factor);
        Assert.Equal(TimeSpan.FromSeconds(1), scenario.Arms[1].CallTimeout);
    }

    [Fact]
    public void Set_builds_missing_mappings_and_reads_flow_values()
    {
        const string yaml = "name: s\ntitle: T\nclaim: C\nwatch: W\narms: { rest: { style: rest } }\n";

        var scenario = ScenarioLoader.Parse(yaml, "s.yaml", new ScenarioOverrides(Set:
        [
            "workflow.steps.notify.workers=3",
            "load.model=closed",
            "faults=[ { at: 1s, step: payment, poison: [1, 2] } ]",
            "title='quoted: with a colon'",
        ]));

        Assert.Equal(3, scenario.Workflow.CostOf("notify").Workers);
        Assert.Equal(LoadModel.Closed, scenario.Load.Model);
        Assert.Equal([1L, 2L], Assert.IsType<StepFault>(Assert.Single(scenario.Faults)).PoisonIds!);
        Assert.Equal("quoted: with a colon", scenario.Title);
    }

    [Theory]
    [InlineData("load.duration=5", "--set: load.duration: expected a duration with a unit (us, ms, s, m, h), got '5'")]
    [InlineData("load.rat=5/s", "--set: load.rat: unknown field 'rat'; expected one of: model, arrival, rate, ramp, duration, warmup, prime, users, think, maxInFlight, timeout, drain, readAfter, agents; did you mean 'rate'?")]
    [InlineData("load.model=closed", "full-scenario.yaml:25:3: load.arrival: 'arrival' is only for model: open")]
    [InlineData("profiles.quick.seed=3", "--set: profiles: 'profiles' cannot be set on the command line; choose a declared profile with --profile")]
    [InlineData("seed", "--set: expected key=value such as load.rate=200/s, got 'seed'")]
    [InlineData("name.first=x", "--set: name.first: cannot set 'name.first': 'name' is 'full-scenario', not a mapping")]
    [InlineData("faults[12].at=1s", "--set: faults[12].at: cannot set 'faults[12].at': 'faults' is a list of 12, with no item [12]")]
    [InlineData("load..rate=1/s", "--set: load..rate: expected a dotted field path such as workflow.steps.payment.workers, got 'load..rate'")]
    [InlineData("faults=[ { at: 1s", "--set: faults: expected a YAML value, got '[ { at: 1s' (While parsing a flow mapping, did not find expected ',' or '}'.)")]
    public void Set_values_are_validated_and_blamed_on_set(string set, string expected)
    {
        var errors = ScenarioFiles.ErrorsOf(() => Load(new ScenarioOverrides(Set: [set])));

        Assert.Contains(expected, errors);
    }

    [Theory]
    [InlineData("200", null, "--rate: load.rate: expected a rate with a unit (/s, /m, /h), got '200'")]
    [InlineData(null, "10", "--duration: load.duration: expected a duration with a unit (us, ms, s, m, h), got '10'")]
    [InlineData(null, "0s", "--duration: load.duration: expected a duration > 0, got '0s'")]
    [InlineData("1e12/s", null, "--rate: load.rate: expected a rate of at most 1000000/s (more than a machine can send; simulate with --scale for more), got '1e12/s'")]
    public void Rate_and_duration_values_are_blamed_on_their_option(string? rate, string? duration, string expected) =>
        Assert.Equal([expected], ScenarioFiles.ErrorsOf(() => Load(new ScenarioOverrides(Rate: rate, Duration: duration))));

    [Fact]
    public void Arms_filter_and_order_the_arms_and_drop_the_expectations_of_the_others()
    {
        var scenario = Load(new ScenarioOverrides(Arms: ["jetstream", "rest"]));

        Assert.Equal(["jetstream", "rest"], scenario.Arms.Select(a => a.Name));
        Assert.Equal(["jetstream", "rest"], scenario.Expect.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_expectation_on_a_filtered_out_arm_stays_and_fails_clearly()
    {
        var scenario = Load(new ScenarioOverrides(Arms: ["jetstream"]));
        var expectation = scenario.Expect["jetstream"][0];

        var verdict = expectation.Evaluate(new Metrics(("accept.p99", 3)), _ => null);

        Assert.False(verdict.Passed);
        Assert.Equal("arm 'rest' is not part of this run (left out with --arms?), so rest.accept.p99 has no value", verdict.Actual);
    }

    [Theory]
    [InlineData(new[] { "soap" }, "--arms: arms: unknown arm 'soap'; expected one of: rest, grpc, jetstream, jetstream-ttl")]
    [InlineData(new[] { "rest", "rest" }, "--arms: arms: arm 'rest' is listed twice")]
    [InlineData(new string[0], "--arms: arms: expected at least one arm")]
    public void Arms_must_name_known_arms_once(string[] arms, string expected) =>
        Assert.Equal([expected], ScenarioFiles.ErrorsOf(() => Load(new ScenarioOverrides(Arms: arms))));

    [Fact]
    public void Seed_replaces_the_seed() => Assert.Equal(7, Load(new ScenarioOverrides(Seed: 7)).Seed);

    [Fact]
    public void The_effective_yaml_loads_back_into_an_equal_scenario()
    {
        var scenario = Load(new ScenarioOverrides(
            Profile: "quick", Arms: ["rest", "jetstream"], Rate: "300/s", Set: ["workflow.steps.payment.workers=2"], Seed: 9));

        var again = ScenarioLoader.Parse(scenario.EffectiveYaml, "scenario.yaml");

        Assert.DoesNotContain("profiles:", scenario.EffectiveYaml, StringComparison.Ordinal);
        Assert.Equal(scenario with { Profile = null, Profiles = [], SourcePath = null }, again with { Profiles = [] });
        Assert.Equal(scenario.EffectiveYaml, again.EffectiveYaml);
    }

    [Fact]
    public void The_effective_yaml_of_a_filtered_run_names_the_arms_it_left_out_and_loads_back()
    {
        // jetstream's expectation compares with rest, which the run left out.
        var scenario = Load(new ScenarioOverrides(Arms: ["jetstream"]));

        var again = ScenarioLoader.Parse(scenario.EffectiveYaml, "scenario.yaml");

        Assert.Contains("leftOut:\n- rest\n- grpc\n- jetstream-ttl\n", scenario.EffectiveYaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(scenario.Expect["jetstream"], again.Expect["jetstream"]);
        Assert.Equal(scenario.EffectiveYaml, again.EffectiveYaml);
    }

    [Theory]
    [InlineData("leftOut: rest", "s.yaml:6:10: leftOut: expected a list of the arm names a run left out with --arms, got 'rest'")]
    [InlineData("leftOut: [ rest ]", "s.yaml:6:12: leftOut: 'rest' is an arm of this scenario, so it was not left out")]
    public void Left_out_arms_are_a_list_of_other_arms(string line, string expected)
    {
        var yaml = $"name: s\ntitle: T\nclaim: C\nwatch: W\narms: {{ rest: {{ style: rest }} }}\n{line}\n";

        Assert.Equal([expected], ScenarioFiles.ErrorsOf(() => ScenarioLoader.Parse(yaml, "s.yaml")));
    }

    [Fact]
    public void Validate_applies_every_profile_and_says_which_one_fails()
    {
        var errors = ScenarioLoader.Validate(ScenarioFiles.PathOf("ProfileErrors", "profile-errors.yaml"));

        Assert.Equal(
            [
                "profile-errors.yaml:10:11: faults[0].at: expected a time before the end of the measured window (load.duration: 8s), got '10s' (with profile 'short')",
                "profile-errors.yaml:13:19: load.rat: unknown field 'rat'; expected one of: model, arrival, rate, ramp, duration, warmup, prime, users, think, maxInFlight, timeout, drain, readAfter, agents; did you mean 'rate'? (with profile 'typo')",
            ],
            ScenarioFiles.Short(errors));
    }

    [Fact]
    public void Load_without_a_profile_ignores_broken_profiles() =>
        Assert.Equal(20, ScenarioLoader.Load(ScenarioFiles.PathOf("ProfileErrors", "profile-errors.yaml")).Load.Duration.TotalSeconds);

    private sealed class Metrics(params (string Name, double? Value)[] values) : IArmMetrics
    {
        public double? Value(string metric) => values.FirstOrDefault(v => v.Name == metric).Value;
    }
}

public class FaultOptionTests
{
    private static readonly string Full = ScenarioFiles.Valid("full-scenario.yaml");

    [Fact]
    public void A_fault_from_the_command_line_is_added_to_the_profiles_timeline()
    {
        var scenario = ScenarioLoader.Load(Full, new ScenarioOverrides(Profile: "quick", Faults: ["at=1s,for=1500ms,pause=inventory", "at=0s,for=1s,step=notify,poison=[3,4]"]));

        Assert.Equal(3, scenario.Faults.Count);
        Assert.Equal(new ProcessFault(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1500), ProcessAction.Pause, "inventory"), scenario.Faults[1]);
        Assert.Equal([3L, 4L], Assert.IsType<StepFault>(scenario.Faults[2]).PoisonIds!);
    }

    [Theory]
    [InlineData("at=1s,for=1s,pause=paymnt", "--fault: faults[2].pause: expected one of edge, inventory, payment, notify, broker, broker.leader, got 'paymnt'; did you mean 'payment'?")]
    [InlineData("pause", "--fault: faults: expected fields as key=value separated by commas, such as at=5s,for=3s,pause=payment, got 'pause'")]
    [InlineData("at=4500ms,for=1s,kill=payment", "--fault: faults[2]: overlaps faults[0] on payment (4s to 6s); one target takes one fault at a time")]
    public void A_bad_fault_from_the_command_line_is_blamed_on_the_option(string fault, string expected) =>
        Assert.Contains(expected, ScenarioFiles.ErrorsOf(() => ScenarioLoader.Load(Full, new ScenarioOverrides(Profile: "quick", Faults: ["at=1s,for=1s,pause=edge", fault]))));
}
