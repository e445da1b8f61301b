using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text.Json;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.LazyFs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class LazyFsSettings : CommandSettings
{
    [CommandArgument(0, "<BACKING>")]
    [Description("The directory to serve (created if missing); it holds the files, as written.")]
    public string Backing { get; init; } = "";

    [CommandArgument(1, "<MOUNTPOINT>")]
    [Description("Where to mount it (created if missing).")]
    public string Mountpoint { get; init; } = "";

    [CommandOption("--writeback <DURATION>")]
    [Description("Changes older than this are durable, as the kernel writes back dirty pages (Linux: 30s); 0: only fsync persists. Default: 30s.")]
    public string Writeback { get; init; } = "30s";

    public override ValidationResult Validate()
    {
        if (WritebackAge() is null)
        {
            return ValidationResult.Error($"--writeback must be a duration such as 30s, or 0, not {Writeback}");
        }

        return LazyMount.Unavailable() is { } why ? ValidationResult.Error($"cannot mount a lazy filesystem here: {why}") : ValidationResult.Success();
    }

    /// <summary>The write-back age; null when the text is not one.</summary>
    public TimeSpan? WritebackAge() =>
        Writeback.Trim() == "0" ? TimeSpan.Zero
        : Units.TryParseDuration(Writeback, out var age, out _) && age >= TimeSpan.Zero ? age
        : null;
}

/// <summary>
/// <c>archlab lazyfs</c>: the lazy filesystem by hand. Mounts, says <c>mounted &lt;path&gt;</c>, then reads commands
/// from standard input, one per line, and answers each with one JSON line: <c>power-loss</c> (undo what is not
/// durable; stop what uses the files first), <c>fsyncs</c> (the fsyncs seen per file). Unmounts at the end of input,
/// on Ctrl-C and on SIGTERM; if the process is killed, fusermount3 unmounts.
/// </summary>
public sealed class LazyFsCommand : AsyncCommand<LazyFsSettings>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override async Task<int> ExecuteAsync(CommandContext context, LazyFsSettings settings, CancellationToken cancellationToken)
    {
        var writeback = settings.WritebackAge()!.Value;
        Directory.CreateDirectory(settings.Backing);
        var graveyard = Directory.CreateTempSubdirectory("archlab-lazyfs-graveyard-");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        try
        {
            using var mount = LazyMount.Mount(new LazyJournal(settings.Backing, graveyard.FullName, writeback), settings.Mountpoint);
            Console.WriteLine($"mounted {mount.Mountpoint}");
            while (await ReadLineAsync(stop.Token) is { } line)
            {
                Console.WriteLine(line.Trim() switch
                {
                    "power-loss" => JsonSerializer.Serialize(Report(mount.PowerLoss()), Json),
                    "fsyncs" => JsonSerializer.Serialize(Fsyncs(mount), Json),
                    "" => "",
                    var other => JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = $"unknown command '{other}': power-loss or fsyncs" }, Json),
                });
            }

            return 0;
        }
        catch (InvalidOperationException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        finally
        {
            graveyard.Delete(recursive: true);
        }
    }

    private static async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Console.In.ReadLineAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static Dictionary<string, object> Report(PowerLoss loss) => new()
    {
        ["bytesDropped"] = loss.BytesDropped,
        ["writesDropped"] = loss.WritesDropped,
        ["namesDropped"] = loss.NamesDropped,
        ["unresolved"] = loss.Unresolved,
        ["files"] = loss.Files,
    };

    private static IReadOnlyDictionary<string, long> Fsyncs(LazyMount mount)
    {
        lock (mount.Journal.Gate)
        {
            return new SortedDictionary<string, long>(mount.Journal.Fsyncs.ToDictionary(), StringComparer.Ordinal);
        }
    }
}
