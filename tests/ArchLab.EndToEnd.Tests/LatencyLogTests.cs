using ArchLab.JavaHdrHistogram;

namespace ArchLab.EndToEnd.Tests;

/// <summary>
/// The <c>.hlog</c> files of <c>archlab simulate</c>, read by HdrHistogram's own Java library (a measured run's are
/// checked in <see cref="QuickStartTests"/>, after its async-offload run).
/// </summary>
public sealed class LatencyLogTests
{
    [Fact]
    public async Task A_simulated_quick_runs_logs_read_with_HdrHistograms_Java_library_as_results_json_reports()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-sim-hlog-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(2), "simulate", "async-offload", "--profile", "quick", "--output", output);

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.NotEmpty(Directory.GetFiles(output, "*.hlog"));
            await RunLogs.AssertAgreeWithResultsAsync(output);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
