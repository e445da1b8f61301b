using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Workflow;

using StyleNames = ArchLab.Contracts.Workflow.Styles;

namespace ArchLab.Services.Host.Hosting;

/// <summary>
/// Reads <c>--config &lt;file&gt;</c> (a <see cref="ServiceOptions"/> JSON file). <c>--role</c> and
/// <c>--style</c> may be given too, so that a process listing says what each process is; they must match the file.
/// </summary>
public static class HostArguments
{
    public static ServiceOptions Parse(string[] args)
    {
        string? config = null, role = null, style = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--config": config = value; i++; break;
                case "--role": role = value; i++; break;
                case "--style": style = value; i++; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'; usage: --config <file> [--role <role>] [--style <style>]");
            }
        }

        if (config is null)
        {
            throw new ArgumentException("missing --config <file>");
        }

        var options = JsonSerializer.Deserialize(File.ReadAllText(config), HostingJsonContext.Default.ServiceOptions)
            ?? throw new ArgumentException($"{config}: empty options file");
        var sink = options.Role == Transports.SinkRole;
        if (!sink && !Roles.IsKnown(options.Role))
        {
            throw new ArgumentException($"{config}: role '{options.Role}' is not one of {string.Join(", ", Roles.All)}, notify.1 .. notify.{Roles.MaxReceivers} or {Transports.SinkRole}");
        }

        if (options.Receivers is < 1 or > Roles.MaxReceivers)
        {
            throw new ArgumentException($"{config}: receivers is {options.Receivers}; expected 1 .. {Roles.MaxReceivers}");
        }

        // The sink of the transport-baseline scenario runs a transport, not a workflow style.
        var styles = sink ? Transports.All : StyleNames.All;
        if (!styles.Contains(options.Style))
        {
            throw new ArgumentException($"{config}: style '{options.Style}' is not one of {string.Join(", ", styles)}{(sink ? " (a sink's style is its transport)" : "")}");
        }

        if ((role is not null && role != options.Role) || (style is not null && style != options.Style))
        {
            throw new ArgumentException($"--role/--style ({role}/{style}) disagree with {config} ({options.Role}/{options.Style})");
        }

        if (!System.Net.IPAddress.TryParse(options.Host, out _))
        {
            throw new ArgumentException($"{config}: host '{options.Host}' is not an IP address to listen on");
        }

        return options;
    }
}
