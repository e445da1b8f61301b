using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;
using ArchLab.Cli.Terminal;
using ArchLab.Proxy;
using ArchLab.Proxy.Api;
using ArchLab.Proxy.Proxies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class ProxySettings : CommandSettings
{
    [CommandOption("--port <PORT>")]
    [Description("Port of the HTTP API (Toxiproxy's); 0 lets the system choose. Default: 8474.")]
    public int Port { get; init; } = ProxyApiOptions.DefaultPort;

    [CommandOption("--host <ADDRESS>")]
    [Description("Address of the HTTP API: 127.0.0.1 or ::1 (loopback only). Default: 127.0.0.1.")]
    public string Host { get; init; } = "127.0.0.1";

    [CommandOption("-c|--config <FILE>")]
    [Description("A Toxiproxy populate file (a JSON array of proxies) to create at start.")]
    public string? Config { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed of the random draws (toxicity per connection, jitter, slice sizes).")]
    public int? Seed { get; init; }

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > IPEndPoint.MaxPort)
        {
            return ValidationResult.Error($"--port must be from 0 to {IPEndPoint.MaxPort}, not {Port}");
        }

        if (!IPAddress.TryParse(Host.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
        {
            return ValidationResult.Error($"--host must be a loopback address (127.0.0.1 or ::1), not {Host}");
        }

        return Config is not null && !File.Exists(Config)
            ? ValidationResult.Error($"--config: no such file: {Config}")
            : ValidationResult.Success();
    }
}

/// <summary><c>archlab proxy</c>: the TCP fault proxy behind Toxiproxy's HTTP API, until Ctrl-C or SIGTERM.</summary>
public sealed class ProxyCommand : AsyncCommand<ProxySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ProxySettings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;

        // A supervisor stops it with SIGTERM: stop as on Ctrl-C, closing every proxied connection.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });

        IReadOnlyList<ProxyOptions> proxies = [];
        if (settings.Config is { } config)
        {
            try
            {
                proxies = PopulateFile.Parse(await File.ReadAllTextAsync(config, stop.Token));
            }
            catch (ProxyException e)
            {
                return Refuse($"{config} is not a Toxiproxy populate file: {e.Message}");
            }
        }

        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = settings.Seed });
        try
        {
            await faults.PopulateAsync(proxies, stop.Token);
        }
        catch (ProxyException e)
        {
            return Refuse($"the proxies of {settings.Config} cannot start: {e.Message}");
        }

        var listen = new IPEndPoint(IPAddress.Parse(settings.Host.Trim('[', ']')), settings.Port);
        ProxyApiServer api;
        try
        {
            api = await ProxyApiServer.StartAsync(faults, new ProxyApiOptions { Listen = listen }, stop.Token);
        }
        catch (IOException e)
        {
            return Refuse($"the API cannot listen on {listen}: {e.Message}");
        }

        await using (api)
        {
            console.MarkupLine($"Toxiproxy API on [bold]{Markup.Escape(api.Url.ToString())}[/] (Ctrl-C to stop)");
            if (proxies.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("proxy", "listen", "upstream", "enabled");
                foreach (var proxy in faults.Proxies)
                {
                    table.AddRow(Markup.Escape(proxy.Name), proxy.Listen, Markup.Escape(proxy.Upstream), proxy.Enabled ? "yes" : "no");
                }

                console.Write(table);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: the normal way to stop
            }
        }

        console.MarkupLine("[grey]stopped: every proxy closed[/]");
        return ExitCodes.Ok;
    }

    private static int Refuse(string message)
    {
        Consoles.Error.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return ExitCodes.BadInput;
    }
}
