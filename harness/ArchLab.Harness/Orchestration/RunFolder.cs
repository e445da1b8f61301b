using System.Globalization;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Harness.Orchestration;

/// <summary>
/// The folder of one run: <c>&lt;root&gt;/&lt;yyyyMMdd-HHmmss&gt;-&lt;scenario&gt;/</c> with <c>logs/</c>,
/// <c>ledgers/</c> and <c>services/</c> inside, and <c>&lt;root&gt;/latest</c> pointing at the newest complete one.
/// </summary>
public sealed partial class RunFolder
{
    // The root whose latest link this run takes once complete; null for a folder given with --output.
    private readonly string? _root;

    private RunFolder(string path, string? root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public string ResultsJson => System.IO.Path.Combine(Path, "results.json");

    public string ScenarioYaml => System.IO.Path.Combine(Path, "scenario.yaml");

    public string Logs => Sub("logs");

    public string ArmLogs(string arm) => Sub("logs", arm);

    public string ArmLedgers(string arm) => Sub("ledgers", arm);

    public string ArmServices(string arm) => Sub("services", arm);

    /// <summary>The ledger file of each step code of an arm with <paramref name="receivers"/> fan-out receivers.</summary>
    public IReadOnlyDictionary<ushort, string> Ledgers(string arm, int receivers = 1) =>
        Roles.AllOf(receivers).ToDictionary(r => StepCodes.Of(r), r => System.IO.Path.Combine(ArmLedgers(arm), $"{r}.ledger"));

    public string BrokerStore(string arm) => Sub("broker", arm);

    /// <summary>The run's RabbitMQ node's data (removed when the node stops); its log is <c>logs/rabbitmq.log</c>.</summary>
    public string RabbitStore => Sub("rabbitmq");

    /// <summary>Creates the folder of a new run; <see cref="Complete"/> makes it <c>latest</c>.</summary>
    /// <exception cref="Model.InputException">The folder cannot be made there (a file of that name, no permission).</exception>
    public static RunFolder Create(RunOptions options, string scenario, DateTimeOffset startedUtc)
    {
        if (options.OutputDirectory is { } exact)
        {
            return new RunFolder(MakeFolder(exact), root: null);
        }

        var root = System.IO.Path.GetFullPath(options.OutputRoot);
        var stamp = startedUtc.ToLocalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = System.IO.Path.Combine(root, $"{stamp}-{scenario}");
        for (var n = 2; Directory.Exists(path); n++)
        {
            path = System.IO.Path.Combine(root, $"{stamp}-{scenario}-{n}");
        }

        return new RunFolder(MakeFolder(path), root);
    }

    /// <summary>
    /// Points <c>latest</c> at this run: called once its results and reports are written, so that <c>latest</c> never
    /// names a run that was interrupted, failed, or is still going.
    /// </summary>
    public void Complete()
    {
        if (_root is { } root)
        {
            PointLatest(root, Path);
        }
    }

    private static string MakeFolder(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new Model.InputException($"cannot write the run to {full}: it is a file, not a folder (give --output a folder, new or existing)");
        }

        try
        {
            Directory.CreateDirectory(full);
            var probe = System.IO.Path.Combine(full, $".archlab-write-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Model.InputException($"cannot write the run to {full}: {e.Message}", e);
        }
    }

    /// <summary>Replaces <c>latest</c> atomically: a new link is renamed over the old one.</summary>
    private static void PointLatest(string root, string path)
    {
        var latest = System.IO.Path.Combine(root, "latest");
        var temporary = latest + $".{Environment.ProcessId}";
        try
        {
            File.Delete(temporary);
            File.CreateSymbolicLink(temporary, System.IO.Path.GetFileName(path));
            // rename(2) replaces a link in one step; File.Move follows the old link to its folder and refuses.
            if (Rename(temporary, latest) != 0)
            {
                File.Delete(temporary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file system without links: the run is still complete, only the shortcut is missing.
        }
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "rename", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    private static partial int Rename(string from, string to);

    private string Sub(params string[] parts)
    {
        var path = System.IO.Path.Combine([Path, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }
}
