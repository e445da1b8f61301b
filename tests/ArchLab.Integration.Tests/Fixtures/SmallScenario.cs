using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Integration.Tests.Fixtures;

/// <summary>A scenario small enough for a test: cheap steps, a short window, every style available as an arm.</summary>
public static class SmallScenario
{
    public static Scenario For(params string[] styles) => ScenarioLoader.Parse(Yaml(styles), "small.yaml");

    public static string Yaml(IEnumerable<string> styles, string rate = "50/s", string duration = "2s") => $$"""
        name: small
        title: A small run for the tests
        claim: every style completes what it accepts
        watch: completed equals accepted, nothing lost
        seed: 7
        workflow:
          payload: 128B
          steps:
            inventory: { time: exp(1ms), workers: 8 }
            payment:   { time: fixed(2ms), workers: 8 }
            notify:    { time: exp(1ms), workers: 8 }
        arms:
        {{string.Join("\n", styles.Select(s => $"  {s}: {{ style: {s} }}"))}}
        load: { model: open, rate: {{rate}}, duration: {{duration}}, warmup: 500ms, drain: 20s }
        """;
}
