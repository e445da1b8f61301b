using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>The rules of the format one by one, on a small valid scenario with one part added (from line 7).</summary>
public class ScenarioRulesTests
{
    private const string Base = "name: s\ntitle: T\nclaim: C\nwatch: W\narms:\n  rest: { style: rest }\n";

    public static TheoryData<string, string> Cases { get; } = new()
    {
        { "load: { model: closed, rate: 10/s }", "s.yaml:7:24: load.rate: 'rate' is only for model: open" },
        { "load: { users: 0, model: closed }", "s.yaml:7:16: load.users: expected a whole number >= 1, got '0'" },
        { "load: { ramp: { from: 5/s } }", "s.yaml:7:15: load.ramp.for: missing required field 'for'" },
        { "load: { rate: 0/s }", "s.yaml:7:15: load.rate: expected a rate > 0, got '0/s'" },
        { "load: { arrival: burst }", "s.yaml:7:18: load.arrival: expected one of constant, poisson, got 'burst'" },
        { "load: [ 1 ]", "s.yaml:7:7: load: expected a load mapping such as { model: open, rate: 100/s, duration: 10s }, got a list" },
        { "workflow: { payload: 1.5B }", "s.yaml:7:22: workflow.payload: expected a whole number of bytes, got '1.5B' (1.5 bytes)" },
        { "workflow: { steps: { payment: { mode: idle } } }", "s.yaml:7:39: workflow.steps.payment.mode: expected one of wait, cpu, got 'idle'" },
        { "workflow: { steps: { payment: { time: \"uniform(9ms, 1ms)\" } } }", "s.yaml:7:39: workflow.steps.payment.time: in uniform(min, max): expected max >= min, got min 9ms and max 1ms" },
        { "faults: [ { at: 1s } ]", "s.yaml:7:11: faults[0]: expected one of kill, stop, pause, burst, step, link, partition, power-loss to say what the fault does" },
        { "faults: [ { at: 1s, burst: 3 } ]", "s.yaml:7:28: faults[0].burst: expected a factor such as 3x, got '3'" },
        { "faults: [ { at: 1s, burst: 1x } ]", "s.yaml:7:28: faults[0].burst: expected a factor > 1x, got '1x'" },
        { "faults: [ { at: 1s, for: 0s, kill: edge } ]", "s.yaml:7:26: faults[0].for: expected a duration > 0, got '0s'" },
        { "faults: [ { at: 1s, pause: edge, restart: false } ]", "s.yaml:7:34: faults[0].restart: 'restart' does not apply to a pause fault; its fields are: at, for, pause" },
        { "faults: [ { at: 1s, kill: broker, restart: maybe } ]", "s.yaml:7:44: faults[0].restart: expected true or false, got 'maybe'" },
        { "faults: [ { at: 1s, step: payment } ]", "s.yaml:7:11: faults[0]: a step fault needs at least one effect: errorRate, slowdown, poison, crash" },
        { "faults: [ { at: 1s, step: payment, errorRate: 120% } ]", "s.yaml:7:47: faults[0].errorRate: expected a percentage from 0% to 100% (or a fraction from 0 to 1), got '120%'" },
        { "faults: [ { at: 1s, step: payment, poison: [ 7, x ] } ]", "s.yaml:7:49: faults[0].poison[1]: expected a sequence number >= 0, got 'x'" },
        { "faults: [ { at: 1s, step: payment, crash: before } ]", "s.yaml:7:43: faults[0].crash: expected one of after-effect, got 'before'" },
        { "faults: [ { at: 1s, link: edge-payment, down: true } ]", "s.yaml:7:27: faults[0].link: expected a link such as edge->payment, from and to each one of caller, devices, edge, inventory, payment, notify, broker, got 'edge-payment'" },
        { "faults: [ { at: 1s, link: edge->paymant, down: true } ]", "s.yaml:7:27: faults[0].link: unknown endpoint 'paymant'; expected one of: caller, devices, edge, inventory, payment, notify, broker; did you mean 'payment'?" },
        { "faults: [ { at: 1s, link: edge->caller, down: true } ]", "s.yaml:7:27: faults[0].link: expected a link between two different endpoints, the caller and the devices only as the source, got 'edge->caller'" },
        { "faults: [ { at: 1s, link: edge->payment } ]", "s.yaml:7:11: faults[0]: a link fault needs exactly one toxic: latency, bandwidth, timeout, reset_peer, slicer, limit_data, down" },
        { "faults: [ { at: 1s, link: edge->payment, timeout: 1s, jitter: 5ms } ]", "s.yaml:7:55: faults[0].jitter: 'jitter' is only for a latency toxic" },
        { "faults: [ { at: 1s, link: edge->payment, latency: 250us } ]", "s.yaml:7:51: faults[0].latency: expected a whole number of milliseconds (Toxiproxy's unit), got '250us'" },
        { "faults: [ { at: 1s, link: edge->payment, bandwidth: 100 } ]", "s.yaml:7:53: faults[0].bandwidth: expected a bandwidth with a unit (KB/s, MB/s), got '100'" },
        { "faults: [ { at: 1s, link: edge->payment, down: false } ]", "s.yaml:7:48: faults[0].down: expected true (the link is down for the window), got 'false'; leave the fault out instead" },
        { "faults: [ { at: 2s, for: 4s, kill: payment }, { at: 5s, for: 1s, pause: payment } ]", "s.yaml:7:47: faults[1]: overlaps faults[0] on payment (2s to 6s); one target takes one fault at a time" },
        { "faults: [ { at: 2s, kill: payment }, { at: 9s, step: payment, errorRate: 5% } ]", "s.yaml:7:38: faults[1]: overlaps faults[0] on payment (from 2s on); one target takes one fault at a time" },
        { "faults: [ { at: 1s, for: 1s, kill: paymnt } ]", "s.yaml:7:36: faults[0].kill: expected one of edge, inventory, payment, notify, broker, broker.leader, got 'paymnt'; did you mean 'payment'?" },
        { "faults: [ { at: -1s, kill: edge } ]", "s.yaml:7:17: faults[0].at: expected a duration with a unit (us, ms, s, m, h) >= 0, got '-1s'" },
        { "faults: { at: 1s }", "s.yaml:7:9: faults: expected a list of faults such as - { at: 4s, for: 4s, kill: payment }, got a mapping" },
        { "expect: { grpc: [ \"lost == 0\" ] }", "s.yaml:7:11: expect.grpc: unknown arm 'grpc'; expected one of: rest" },
        { "expect: { rest: [ \"lost = 0\" ] }", "s.yaml:7:25: expect.rest[0]: '=' is not a comparison; use '==' for equality" },
        { "expect: { rest: lost }", "s.yaml:7:21: expect.rest: expected a comparison (==, !=, <, <=, >, >=, or 'within 10% of') after 'lost'" },
        { "expect: { rest: [ [ 1 ] ] }", "s.yaml:7:19: expect.rest[0]: expected an expectation such as \"lost == 0\", got a list" },
        { "seed: 1.5", "s.yaml:7:7: seed: expected a whole number, got '1.5'" },
        { "profiles: [ quick ]", "s.yaml:7:11: profiles: expected a mapping of profile name to a partial scenario, got a list" },
        { "profiles: { Quick: { seed: 2 } }", "s.yaml:7:13: profiles.Quick: expected a name of lowercase letters, digits and dashes ([a-z0-9-]+), got 'Quick'" },
        { "profiles: { quick: { name: other } }", "s.yaml:7:22: profiles.quick.name: a profile cannot change 'name'" },
        { "profile: { quick: { seed: 2 } }", "s.yaml:7:1: profile: unknown field 'profile'; expected one of: name, title, claim, watch, headline, question, seed, workflow, sweep, arms, load, faults, expect, simulation, capacity, profiles, leftOut; did you mean 'profiles'?" },
        { "capacity: { slo: \"accept.p75 < 5ms\" }", "s.yaml:7:18: capacity.slo: objective 'accept.p75 < 5ms': p75 is not one of p50, p90, p99, p99.9" },
        { "capacity: { from: 200/s, max: 100/s }", "s.yaml:7:31: capacity.max: expected a rate of at least from (200/s), got 100/s" },
        { "capacity: { of: goodput }", "s.yaml:7:17: capacity.of: expected one of completion, accept, got 'goodput'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_broken_rule_where_it_is_broken(string yaml, string expected) =>
        Assert.Equal([expected], ScenarioFiles.ErrorsOf(() => ScenarioLoader.Parse(Base + yaml + "\n", "s.yaml")));

    [Theory]
    [InlineData("", "s.yaml:1:1: the file is empty; expected a scenario: a mapping with name, title, claim, watch, arms and optional headline, question, seed, workflow, sweep, load, faults, expect, simulation, capacity, profiles, leftOut")]
    [InlineData("- a\n- b\n", "s.yaml:1:1: expected a scenario: a mapping with name, title, claim, watch, arms and optional headline, question, seed, workflow, sweep, load, faults, expect, simulation, capacity, profiles, leftOut, got a list")]
    [InlineData("name: s\n---\nname: t\n", "s.yaml:3:1: expected one YAML document, got 2")]
    [InlineData("name: s\nload:\n\trate: 3/s\n", "s.yaml:3:1: invalid YAML: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData("name: s\ntitle: 'T\n", "s.yaml:2:8: invalid YAML: While scanning a quoted scalar, found unexpected end of stream.")]
    [InlineData("name: s\nload: { rate: 200/s, duration: 20s\narms: {}\n", "s.yaml:2:30: invalid YAML after this point: an unclosed '[' or '{'?")]
    [InlineData("name: s\ntitle: T\nclaim: C\nwatch: W\narms:\n", "s.yaml:5:6: arms: 'arms' is required, got nothing")]
    [InlineData("name: s\ntitle: T\nclaim: C\nwatch: W\narms: {}\n", "s.yaml:5:7: arms: expected at least one arm, such as rest: { style: rest }")]
    [InlineData("name: S_1\ntitle: T\nclaim: C\nwatch: W\narms: { a: { style: rest } }\n", "s.yaml:1:7: name: expected a name of lowercase letters, digits and dashes ([a-z0-9-]+), got 'S_1'")]
    [InlineData("name: s\ntitle: >\n  two\n\n  lines\nclaim: C\nwatch: W\narms: { a: { style: rest } }\n", "s.yaml:2:8: title: expected one line of text, got 2 lines")]
    public void Reports_problems_of_the_file_as_a_whole(string yaml, string expected) =>
        Assert.Equal([expected], ScenarioFiles.ErrorsOf(() => ScenarioLoader.Parse(yaml, "s.yaml")));

    [Fact]
    public void Reports_every_duplicate_key_with_its_path()
    {
        const string yaml = "name: s\nload:\n  rate: 1/s\n  rate: 2/s\nfaults:\n  - { at: 1s, at: 2s, kill: edge }\nname: t\n";

        Assert.Equal(
            [
                "s.yaml:4:3: load.rate: duplicate key 'rate' (first at line 3, column 3)",
                "s.yaml:6:15: faults[0].at: duplicate key 'at' (first at line 6, column 7)",
                "s.yaml:7:1: name: duplicate key 'name' (first at line 1, column 1)",
            ],
            ScenarioFiles.ErrorsOf(() => ScenarioLoader.Parse(yaml, "s.yaml")));
    }

    [Fact]
    public void A_comma_in_a_flow_mapping_cuts_a_service_time_and_the_error_says_so() =>
        Assert.Equal(
            [
                "s.yaml:7:39: workflow.steps.payment.time: expected a service time: fixed(d), exp(mean), lognormal(median, sigma) or uniform(min, max), got 'lognormal(5ms'; inside { } quote a value with a comma, e.g. time: \"lognormal(5ms, 0.5)\"",
                "s.yaml:7:54: workflow.steps.payment.0.5): unknown field '0.5)'; expected one of: time, workers, mode, tail",
            ],
            ScenarioFiles.ErrorsOf(() => ScenarioLoader.Parse(Base + "workflow: { steps: { payment: { time: lognormal(5ms, 0.5) } } }\n", "s.yaml")));

    [Fact]
    public void A_null_field_counts_as_absent()
    {
        var scenario = ScenarioLoader.Parse(Base + "load: { rate: ~, model: closed, users: 3 }\n", "s.yaml");

        Assert.Equal(3, scenario.Load.Users);
    }
}
