using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using ArchLab.Harness.Rabbit;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

/// <summary><c>archlab doctor</c>: is this machine ready to run scenarios, and if not, what to do.</summary>
public sealed class DoctorCommand : AsyncCommand<EmptyCommandSettings>
{
    private sealed record Check(string What, bool Ok, string Detail, bool Required = true);

    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var checks = new List<Check>
        {
            new(".NET runtime", true, RuntimeInformation.FrameworkDescription + " on " + RuntimeInformation.OSDescription),
            HostCheck(),
            await NatsCheckAsync(cancellationToken),
            RabbitCheck(),
            PortCheck(IPAddress.Loopback),
            PortCheck(IPAddress.IPv6Loopback, required: false),
            new("no orphans on crash", ProcessSpawner.SetPriv is not null,
                ProcessSpawner.SetPriv ?? "setpriv not found (util-linux): children still exit when the harness's pipe closes", Required: false),
            await DockerCheckAsync(cancellationToken),
            ToolCheck("wrk", "only for the load-engine benchmark: apt-get install -y wrk"),
            Optional("chromium", ArchLab.Harness.Devices.PageAssets.Browser, "only for arms with browser pages (devices)"),
            Optional("nats.ws (npm)", ArchLab.Harness.Devices.PageAssets.NatsClient, "only for arms with browser pages (devices)"),
            new("scenarios", Workspace.ScenarioFiles().Any(), Workspace.ScenariosDirectory),
        };

        var table = new Table().Border(TableBorder.Rounded).AddColumns("check", "", "detail");
        foreach (var check in checks)
        {
            var mark = check.Ok ? "[green]ok[/]" : check.Required ? "[red]missing[/]" : "[yellow]optional[/]";
            table.AddRow(Markup.Escape(check.What), mark, Markup.Escape(check.Detail));
        }

        AnsiConsole.Write(table);
        return checks.All(c => c.Ok || !c.Required) ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static Check HostCheck()
    {
        try
        {
            return new("service host", true, ServiceHostLocator.Find(null).ToString());
        }
        catch (FileNotFoundException e)
        {
            return new("service host", false, e.Message);
        }
    }

    private static async Task<Check> NatsCheckAsync(CancellationToken cancellationToken)
    {
        if (NatsServerLocator.Find() is not { } binary)
        {
            return new("nats-server", false, $"not found; install: {NatsServerLocator.InstallHint} (or set {NatsServerLocator.EnvironmentVariable})");
        }

        var version = await NatsServerLocator.VersionAsync(binary, cancellationToken);
        return version is null
            ? new("nats-server", false, $"{binary} does not answer --version")
            : new("nats-server", true, $"{binary} v{version} (JetStream; 2.9 has no per-message TTL: stream max_age is the TTL)");
    }

    private static Check RabbitCheck() =>
        RabbitInstall.Find() is { } rabbit
            ? new("rabbitmq-server", true, $"{rabbit.Server} {rabbit.Version ?? "(version unknown)"}, epmd {rabbit.Epmd}; each run starts a node of its own", Required: false)
            : new("rabbitmq-server", false, $"only for rabbitmq arms: {RabbitInstall.Missing}", Required: false);

    private static Check PortCheck(IPAddress address, bool required = true)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            socket.Listen();
            return new($"loopback ports ({address})", true, $"leased {((IPEndPoint)socket.LocalEndPoint!).Port} and released it", required);
        }
        catch (SocketException e)
        {
            return new($"loopback ports ({address})", false, e.Message, required);
        }
    }

    private static async Task<Check> DockerCheckAsync(CancellationToken cancellationToken)
    {
        var why = await DockerProbe.WhyUnavailableAsync(cancellationToken);
        return new("Docker engine", why is null, why ?? "answers: nats-server can also run in a container (Testcontainers)", Required: false);
    }

    private static Check Optional(string what, Func<string> locate, string why)
    {
        try
        {
            return new(what, true, locate(), Required: false);
        }
        catch (FileNotFoundException e)
        {
            return new(what, false, $"{why}: {e.Message}", Required: false);
        }
    }

    private static Check ToolCheck(string tool, string hint)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        return new(tool, path is not null, path ?? hint, Required: false);
    }
}
