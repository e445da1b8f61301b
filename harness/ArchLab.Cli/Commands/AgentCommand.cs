using System.ComponentModel;
using System.Runtime.InteropServices;
using ArchLab.Harness.Agents;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class AgentSettings : CommandSettings
{
    [CommandOption("--nats-url <URL>")]
    [Description("The NATS server the coordinator uses (run --agents-url), e.g. nats://10.0.0.5:4222. It needs JetStream (the agents' files go through its object store).")]
    public string? NatsUrl { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("This agent's name: letters, digits, '-' and '_'. Default: the host name and the process id.")]
    public string? Name { get; init; }

    [CommandOption("--advertise <IP>")]
    [Description("The address of this host that the run's other roles reach the roles placed here at (run --place); they listen on it. Default: 127.0.0.1, one machine only.")]
    public string? Advertise { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(NatsUrl) ? ValidationResult.Error("--nats-url is required: the NATS server the coordinator uses")
        : Name is not null && !AgentProtocol.IsName(Name) ? ValidationResult.Error($"--name '{Name}': letters, digits, '-' and '_' only")
        : Advertise is not null && !System.Net.IPAddress.TryParse(Advertise, out _) ? ValidationResult.Error($"--advertise '{Advertise}': an IP address of this host, e.g. 10.0.0.7")
        : ValidationResult.Success();
}

/// <summary><c>archlab agent</c>: the load engine as an agent that waits for a coordinator's work (a share of the load, roles
/// placed on this host), until Ctrl-C or SIGTERM.</summary>
public sealed class AgentCommand : AsyncCommand<AgentSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AgentSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        var name = settings.Name ?? AgentName(Environment.MachineName, Environment.ProcessId);
        // Plain lines on standard output: the harness that started an agent reads its ready line.
        var agent = new LoadAgent(settings.NatsUrl!, name, line => Console.Out.WriteLine(line), settings.Advertise ?? "127.0.0.1");
        try
        {
            await agent.RunAsync(ready: null, stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is NATS.Client.Core.NatsException or TimeoutException)
        {
            AnsiConsole.MarkupLine($"[red]agent {Markup.Escape(name)}: cannot serve on {Markup.Escape(settings.NatsUrl!)}: {Markup.Escape(e.Message)}[/]");
            return 2;
        }
    }

    /// <summary>A host name made a NATS subject token, and the process id.</summary>
    public static string AgentName(string host, int pid) =>
        new string([.. host.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]) + "-" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
