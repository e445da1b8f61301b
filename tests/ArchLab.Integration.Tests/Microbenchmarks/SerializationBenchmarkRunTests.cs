using System.Diagnostics;
using ArchLab.Harness.Orchestration;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Microbenchmarks;

/// <summary>
/// The microbenchmarks as the archlab command would start them: their own process, quick mode, the
/// serialization benchmarks only. Proves the entry point, the shared config and the exporters work;
/// the figures of a quick run mean nothing, so none are checked.
/// </summary>
public sealed class SerializationBenchmarkRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_quick_serialization_run_exits_0_and_reports_both_serializers_in_Markdown()
    {
        using var folder = new TempFolder("microbench");
        var (exitCode, output) = await RunAsync("--quick", "--filter", "*SerializationBenchmarks*", "--artifacts", folder.Path);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
        var results = Path.Combine(folder.Path, "results");
        var markdown = Path.Combine(results, "ArchLab.Microbenchmarks.Serialization.SerializationBenchmarks-report-github.md");
        Assert.True(File.Exists(markdown), $"no {markdown}; results holds: {string.Join(", ", Directory.EnumerateFiles(results).Select(Path.GetFileName))}");
        var report = await File.ReadAllTextAsync(markdown, TestContext.Current.CancellationToken);
        foreach (var method in new[] { "Json_Serialize", "Json_Deserialize", "Protobuf_Serialize", "Protobuf_Deserialize" })
        {
            Assert.Contains(method, report, StringComparison.Ordinal);
        }

        foreach (var size in new[] { "64", "1024", "16384" })
        {
            Assert.Contains($"| {size} ", report, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.ChangeExtension(markdown, null).Replace("-github", "", StringComparison.Ordinal) + ".csv"), "no CSV report");
        Assert.True(File.Exists(Path.ChangeExtension(markdown, null).Replace("-github", "", StringComparison.Ordinal) + ".html"), "no HTML report");
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_exits_2()
    {
        using var folder = new TempFolder("microbench");
        var (exitCode, output) = await RunAsync("--quick", "--filter", "*NoSuchBenchmark*", "--artifacts", folder.Path);

        Assert.True(exitCode == 2, $"exit code {exitCode}:\n{output}");
        Assert.Contains("no benchmark matches", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the microbenchmarks to their exit, killed if they pass the bound; stdout and stderr together.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(ServiceHostLocator.Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ArchLab.Microbenchmarks.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Bound);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the microbenchmarks ran past {Bound.TotalSeconds} s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
