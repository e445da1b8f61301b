using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Cli.Commands;

/// <summary>
/// Whether a run needs a nats-server: some arm's style talks through NATS. An <c>inproc</c>, <c>rest</c> or <c>grpc</c>
/// run does not, so the wrapper installs nothing for it and it runs on a machine without nats-server.
/// </summary>
public static class BrokerNeed
{
    /// <summary>Exit code of <c>run --needs-broker</c> when a nats-server is needed.</summary>
    public const int Needed = 0;

    /// <summary>Exit code of <c>run --needs-broker</c> when no arm needs one.</summary>
    public const int NotNeeded = 1;

    public static bool Of(RunSettings settings) => Any(settings, a => Styles.NeedsBroker(a.Style));

    /// <summary>Whether an arm of the run needs RabbitMQ (the wrapper then installs rabbitmq-server where it is missing).</summary>
    public static bool RabbitOf(RunSettings settings) => Any(settings, a => a.NeedsRabbitMq);

    /// <summary>Whether an arm of the run opens browser pages (<c>devices</c>): it needs Chromium and the NATS WebSocket client from npm.</summary>
    public static bool BrowserOf(RunSettings settings) => Any(settings, a => a.Devices is not null);

    private static bool Any(RunSettings settings, Func<ArmSpec, bool> needs)
    {
        if (settings.Suite is { } profile)
        {
            var files = settings.ScenariosFolder is { } folder && Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.yaml")
                : Workspace.ScenarioFiles();
            // A file that does not load is the run's to report; it needs nothing here.
            return files.Any(file => TryNeeds(file, settings, profile, needs));
        }

        // A bad scenario throws: the run's error handling says what is wrong (exit 2), and nothing is installed.
        var scenario = ScenarioLoader.Load(
            Workspace.ResolveScenario(settings.Scenario ?? throw new UsageException("which scenario? e.g. archlab run async-offload, or --suite quick")),
            RunCommand.Overrides(settings, settings.Profile));
        return scenario.Arms.Any(needs);
    }

    private static bool TryNeeds(string file, RunSettings settings, string profile, Func<ArmSpec, bool> needs)
    {
        try
        {
            return ScenarioLoader.Load(file, RunCommand.Overrides(settings, profile)).Arms.Any(needs);
        }
        catch (ScenarioException)
        {
            return false;
        }
    }
}
