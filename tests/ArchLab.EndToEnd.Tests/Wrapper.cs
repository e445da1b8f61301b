using System.Diagnostics;
using ArchLab.Unit.Tests.Contract;

namespace ArchLab.EndToEnd.Tests;

/// <summary>
/// Runs <c>./archlab</c> from the repository root exactly as the README says, and captures what it prints; the results a
/// run writes are held to the schema.
/// </summary>
public static class Wrapper
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static string Root { get; } = FindRoot();

    public static Task<Outcome> RunAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync(timeout, new Dictionary<string, string?>(), arguments);

    /// <param name="environment">Variables to set (or, with a null value, to remove) for this run only.</param>
    public static async Task<Outcome> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(Root, "archlab"))
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Plain output: the test reads it, no terminal draws it.
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./archlab {string.Join(' ', arguments)} took longer than {timeout}");
        }

        var outcome = new Outcome(process.ExitCode, await output, await error);
        HoldResultsToSchema(arguments);
        return outcome;
    }

    /// <summary>
    /// Every results.json a run or simulation of these tests wrote under its <c>--output</c> folder (a suite writes one per
    /// scenario) is held to docs/results.schema.json: the commands are how these tests make results, so none escapes.
    /// </summary>
    private static void HoldResultsToSchema(string[] arguments)
    {
        var output = Array.IndexOf(arguments, "--output") is var at and >= 0 && at + 1 < arguments.Length ? arguments[at + 1] : null;
        if (arguments is not ["run" or "simulate", ..] || output is null || !Directory.Exists(output))
        {
            return;
        }

        foreach (var results in Directory.EnumerateFiles(output, "results.json", SearchOption.AllDirectories))
        {
            ResultsSchema.AssertValidFile(results);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArchLab.sln")) && File.Exists(Path.Combine(dir.FullName, "archlab")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (ArchLab.sln and archlab) is not above the test binaries");
    }
}
