using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Processes;

/// <summary>
/// The harness as users start it, the archlab command in its own process: killed or interrupted mid-run,
/// it must take every process it started with it.
/// </summary>
public sealed class NoOrphanTests
{
    [Theory]
    [InlineData(Styles.JetStream)]
    [InlineData(Styles.RabbitMq)] // the Erlang VM and its epmd, children of the harness too
    public async Task A_harness_killed_with_SIGKILL_leaves_no_process_behind(string style)
    {
        await using var run = await HarnessRun.StartAsync($"sigkill-{style}", style);
        var children = await run.WaitForLoadAsync(style);

        Signals.Send(run.Pid, Signal.Kill);

        await Eventually.TrueAsync(() => children.All(c => !ProcessTree.IsAlive(c.Pid)), TimeSpan.FromSeconds(15),
            $"every child of the killed harness gone ({string.Join(", ", children.Select(c => c.Pid))})");
    }

    [Theory]
    [InlineData(Signal.Interrupt)]
    [InlineData(Signal.Terminate)] // a CI job cancelled, a kill: the same graceful stop as a first Ctrl-C
    public async Task A_harness_interrupted_stops_its_children_and_keeps_what_it_measured(Signal signal)
    {
        await using var run = await HarnessRun.StartAsync($"signal-{(int)signal}");
        var children = await run.WaitForLoadAsync();
        await run.LoadRanAsync();

        Signals.Send(run.Pid, signal);

        await run.ExitedWithinAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(130, run.Process.ExitCode);
        run.Printed("interrupted: every child process was stopped; what was measured is kept in"); // the graceful stop, not the deadline's kill
        await Eventually.TrueAsync(() => children.All(c => !ProcessTree.IsAlive(c.Pid)), TimeSpan.FromSeconds(15), "every child of the interrupted harness gone");

        // The arm it stopped in keeps the caller's figures until then, marked, and the run says it did not finish.
        var results = JsonNode.Parse(await File.ReadAllTextAsync(run.ResultsJson, TestContext.Current.CancellationToken))!;
        Assert.StartsWith("interrupted during arm jetstream's load", (string?)results["interrupted"], StringComparison.Ordinal);
        var arm = results["arms"]![0]!;
        Assert.True((bool)arm["interrupted"]!);
        Assert.True((long)arm["counts"]!["accepted"]! > 0, "the requests accepted before the interrupt are counted");
        Assert.Null(arm["delivery"]);
        Assert.False((bool)results["allExpectationsPassed"]!);
        ArchLab.Unit.Tests.Contract.ResultsSchema.AssertValidFile(run.ResultsJson);
    }

    /// <summary>The archlab command running a long JetStream scenario in its own process.</summary>
    private sealed class HarnessRun : IAsyncDisposable
    {
        private readonly TempFolder _folder;
        private readonly TaskCompletionSource _loading = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<string> _output = new();

        private HarnessRun(TempFolder folder, Process process)
        {
            _folder = folder;
            Process = process;
        }

        public Process Process { get; }

        public int Pid => Process.Id;

        public string ResultsJson => Path.Combine(_folder.Path, "run", "results.json");

        public static async Task<HarnessRun> StartAsync(string name, string style = Styles.JetStream)
        {
            var folder = new TempFolder(name);
            var scenario = Path.Combine(folder.Path, "small.yaml");
            await File.WriteAllTextAsync(scenario, SmallScenario.Yaml([style], rate: "20/s", duration: "60s"));
            // Through env, which resets SIGINT to its default and then execs in place (same pid): a shell starts a
            // background job with SIGINT ignored, the ignore is inherited down to this test, and the runtime keeps an
            // ignored SIGINT ignored. A harness started from a terminal has it at its default, as here.
            var info = new ProcessStartInfo("/usr/bin/env")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--default-signal=INT", ServiceHostLocator.Dotnet(), Path.Combine(AppContext.BaseDirectory, "archlab.dll"), "run", scenario, "--output", Path.Combine(folder.Path, "run") })
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info)!;
            var run = new HarnessRun(folder, process);
            process.OutputDataReceived += (_, e) =>
            {
                run.Keep(e.Data);
                if (e.Data?.Contains(" load ", StringComparison.Ordinal) == true)
                {
                    run._loading.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, e) => run.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return run;
        }

        /// <summary>Waits for the harness to exit; when it does not, the failure carries what it printed, and where it stood.</summary>
        public async Task ExitedWithinAsync(TimeSpan within)
        {
            try
            {
                await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(within, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"the harness (pid {Pid}) did not exit within {within.TotalSeconds:0} s; it printed:{Environment.NewLine}" +
                    string.Join(Environment.NewLine, _output.TakeLast(40)));
            }
        }

        /// <summary>Waits until the harness drives load, then returns every process below it.</summary>
        public async Task<IReadOnlyList<ProcessTree.ProcessInfo>> WaitForLoadAsync(string style = Styles.JetStream)
        {
            await _loading.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var children = ProcessTree.DescendantsOf(Pid);
            if (style == Styles.RabbitMq)
            {
                Assert.Contains(children, c => c.Command.Contains("beam.smp", StringComparison.Ordinal));
                Assert.Contains(children, c => c.Command.StartsWith("epmd", StringComparison.Ordinal) || c.Command.Contains("/epmd ", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains(children, c => c.Command.Contains("nats-server", StringComparison.Ordinal));
            }

            Assert.Equal(4, children.Count(c => c.Command.Contains("ArchLab.Services.Host", StringComparison.Ordinal)));
            return children;
        }

        /// <summary>Waits until a progress line shows requests accepted in the measured load.</summary>
        public Task LoadRanAsync() => Eventually.TrueAsync(
            () => _output.Any(line => line.Contains(" load ", StringComparison.Ordinal) && AcceptedIn(line) > 0), TimeSpan.FromSeconds(30),
            "a progress line of the load with requests accepted");

        private static long AcceptedIn(string line)
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"accepted\s+(\d+)");
            return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        /// <summary>Asserts the harness printed a line containing <paramref name="text"/>.</summary>
        public void Printed(string text) =>
            Assert.True(_output.Any(line => line.Contains(text, StringComparison.Ordinal)),
                $"no line with \"{text}\"; it printed:{Environment.NewLine}{string.Join(Environment.NewLine, _output.TakeLast(40))}");

        private void Keep(string? line)
        {
            if (line is not null)
            {
                _output.Enqueue(line);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }

            Process.Dispose();
            _folder.Dispose();
        }
    }
}
