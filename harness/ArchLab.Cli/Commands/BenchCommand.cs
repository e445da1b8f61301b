using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class BenchSettings : CommandSettings
{
    [CommandOption("--filter <GLOB>")]
    [Description("Only the benchmarks whose full name matches, e.g. *Serialization*. Repeatable.")]
    public string[] Filter { get; init; } = [];

    [CommandOption("--quick")]
    [Description("A very short job: a smoke check, not a measurement.")]
    public bool Quick { get; init; }

    [CommandOption("-o|--output <DIR>")]
    [Description("The run folder (default: a new one under reports/runs/); BenchmarkDotNet's reports go to its microbenchmarks/.")]
    public string? Output { get; init; }
}

/// <summary>
/// <c>archlab bench</c>: the BenchmarkDotNet micro-benchmarks (serialization per payload size; direct call, channel
/// hop, loopback HTTP, gRPC and NATS request round trips), run as their own process so BenchmarkDotNet owns it, with
/// their reports kept in a run folder.
/// </summary>
public sealed class BenchCommand : AsyncCommand<BenchSettings>
{

    public override async Task<int> ExecuteAsync(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        // Built with the solution next to the CLI's own configuration (Release under ./archlab).
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!;
        var program = Path.Combine(Workspace.Root ?? Directory.GetCurrentDirectory(),
            "harness", "ArchLab.Microbenchmarks", "bin", configuration, "net10.0", "ArchLab.Microbenchmarks.dll");
        if (!File.Exists(program))
        {
            throw new FileNotFoundException($"{program} is missing: build the solution (./archlab builds it on first use)");
        }

        var folder = settings.Output ?? Path.Combine(Workspace.RunsDirectory,
            $"{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-microbenchmarks");
        var artifacts = Path.GetFullPath(Path.Combine(folder, "microbenchmarks"));
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var argument in new[] { program, "--artifacts", artifacts }
            .Concat(settings.Filter.SelectMany(f => new[] { "--filter", f }))
            .Concat(settings.Quick ? ["--quick"] : []))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the benchmarks");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode; // the benchmarks print where their reports are
    }
}
