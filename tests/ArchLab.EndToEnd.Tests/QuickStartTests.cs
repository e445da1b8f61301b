using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Results;
using ArchLab.JavaHdrHistogram;

namespace ArchLab.EndToEnd.Tests;

/// <summary>The README's commands, run as a user runs them.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task Async_offload_quick_writes_results_whose_counts_add_up()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(4), "run", "async-offload", "--profile", "quick", "--with-sim", "--output", output);

            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.Equal("async-offload", results.Scenario);
            Assert.Equal("quick", results.Profile);
            Assert.Equal(["rest", "grpc", "jetstream", "nats-request", "rabbitmq"], results.Arms.Where(a => !a.Simulated).Select(a => a.Name));
            foreach (var arm in results.Arms.Where(a => !a.Simulated))
            {
                Assert.Equal(arm.Counts.Offered, arm.Counts.Sent + arm.Counts.DroppedByGenerator);
                Assert.Equal(arm.Counts.Sent, arm.Counts.Accepted + arm.Counts.Errors);
                Assert.True(arm.Accounting!.AddsUp, $"{arm.Name}: {arm.Accounting.Detail}");
                var d = arm.Delivery!;
                Assert.Equal(arm.Counts.Accepted, d.Ok + d.Lost + d.Duplicated + d.Pending + (d.Expired ?? 0) + (d.DeadLettered ?? 0));
                Assert.NotEmpty(arm.Expectations);
            }

            Assert.Contains("every expectation held", run.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output, "scenario.yaml")));

            // The simulated twins, calibrated from this run and drawing its arrivals and service times, follow it.
            SimulatedAgreement.AssertHolds(results, SimulatedAgreement.Robust);

            // Every latency log reads with HdrHistogram's own Java library as results.json reports it.
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

    /// <summary>
    /// Each workshop scenario's claim, shown by its own expectations in its quick profile, and its simulated twins
    /// following the measured arms on the headline figures the scenario does not say the simulator leaves out.
    /// </summary>
    [Theory]
    [InlineData("retention")]
    [InlineData("fault-tolerance")]
    [InlineData("idempotency")]
    [InlineData("overload")]
    [InlineData("slow-link")]
    [InlineData("monolith")]
    public async Task A_workshop_scenario_quick_holds_every_expectation_and_its_books_add_up(string scenario)
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-{scenario}-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(4), "run", scenario, "--profile", "quick", "--with-sim", "--output", output);

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            var measured = results.Arms.Where(a => !a.Simulated).ToList();
            Assert.All(measured, arm => Assert.True(arm.Accounting!.AddsUp, $"{arm.Name}: {arm.Accounting.Detail}"));
            Assert.All(measured, arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
            Assert.All(measured, arm => Assert.NotEmpty(arm.Expectations));
            SimulatedAgreement.AssertHolds(results, SimulatedAgreement.Robust);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>
    /// queueing-theory quick in real processes: each station's figures beside theory's, and the simulated twin (the
    /// same arrivals and draws, the run's own service times and hops) following it. Its expectations against theory
    /// are not asserted here: on a machine busy with other work the measured waits rise past their tolerance (a p90
    /// 17% over theory beside a build, against 12% allowed) while the twin, calibrated from the same run, follows
    /// them; the simulation tests hold the model to theory.
    /// </summary>
    [Fact]
    public async Task Queueing_theory_quick_carries_theory_and_its_simulated_twin_follows_it()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-queueing-theory-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(4), "run", "queueing-theory", "--profile", "quick", "--with-sim", "--output", output);

            Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            var measured = results.Arms.Where(a => !a.Simulated).ToList();
            Assert.All(measured, arm => Assert.True(arm.Accounting!.AddsUp, $"{arm.Name}: {arm.Accounting.Detail}"));
            Assert.All(measured.Where(a => a.Name is "mm1" or "mm3" or "md1"), arm => Assert.NotNull(arm.Theory));
            SimulatedAgreement.AssertHolds(results, SimulatedAgreement.Robust);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>
    /// moving-parts quick: every arm's parts read while it ran, its expectations on them held, and the report's table
    /// showing them arm by arm. The simulated twins have no parts, and say so instead of failing.
    /// </summary>
    [Fact]
    public async Task Moving_parts_quick_reads_each_arm_s_parts_and_the_report_shows_them()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-moving-parts-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(4), "run", "moving-parts", "--profile", "quick", "--with-sim", "--output", output);

            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            var measured = results.Arms.Where(a => !a.Simulated).ToList();
            Assert.All(measured, arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
            Assert.All(measured, arm => Assert.NotNull(arm.MovingParts));
            Assert.Equal(measured.Count, results.Arms.Count(a => a.Simulated));
            Assert.All(results.Arms.Where(a => a.Simulated), arm =>
            {
                Assert.Null(arm.MovingParts);
                Assert.Contains(arm.Notes, n => n.StartsWith("not evaluated: processes", StringComparison.Ordinal));
            });
            var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), TestContext.Current.CancellationToken);
            Assert.Contains("## Moving parts", report, StringComparison.Ordinal);
            var parts = measured.Single(a => a.Name == "jetstream").MovingParts!;
            Assert.Contains($"| jetstream | jetstream | {parts.Processes} | {parts.ListeningPorts} | {parts.Broker!.Streams} | {parts.Broker.Consumers} | {parts.Broker.Subjects} | {parts.ConfigKeys} | {parts.CodeLines} |", report, StringComparison.Ordinal);
            // The twins' latencies may stray on a busy machine (the agreement is held in the workshop scenarios); the
            // measured arms decide the exit code.
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>
    /// consistency quick: the synchronous arms read their own writes, the messaging arms read stale data for a while and
    /// longer while notify is paused; each arm's read-backs and its read model's lag tell the same story, and the
    /// simulated twins, calibrated from the run, read about as stale.
    /// </summary>
    [Fact]
    public async Task Consistency_quick_reads_stale_data_only_where_the_answer_came_before_the_work()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-consistency-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(4), "run", "consistency", "--profile", "quick", "--with-sim", "--output", output);

            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            var measured = results.Arms.Where(a => !a.Simulated).ToDictionary(a => a.Name);
            Assert.All(measured.Values, arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
            foreach (var arm in measured.Values)
            {
                var c = arm.Consistency!;
                Assert.True(c.Reads + c.FailedReads == arm.Counts.Accepted, $"{arm.Name}: every accepted order read back once: {c}");
                Assert.Equal(0, c.NeverShown);
            }

            // A read is stale exactly when the model showed the order done more than readAfter after the answer: the
            // reads and the lags are two measurements of one thing, and agree where the lag is not near 10 ms.
            var jetstream = measured["jetstream"].Consistency!;
            Assert.InRange(jetstream.StaleShare!.Value, 0.05, 0.95);
            Assert.True(jetstream.WindowMs!.P50 < 10 == jetstream.StaleShare < 0.5 || Math.Abs(jetstream.WindowMs.P50 - 10) < 2, $"lag p50 and stale share disagree: {jetstream}");
            var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), TestContext.Current.CancellationToken);
            Assert.Contains("## Consistency", report, StringComparison.Ordinal);
            // The simulator models the read model: at the completion in the request path, a calibrated hop later elsewhere.
            var simulated = results.Arms.Where(a => a.Simulated).ToDictionary(a => a.Name);
            Assert.All(simulated.Values, arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
            Assert.Equal(0, simulated["rest~sim"].Consistency!.StaleShare);
            Assert.InRange(simulated["jetstream~sim"].Consistency!.StaleShare!.Value - jetstream.StaleShare.Value, -0.2, 0.2);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>
    /// tracing quick: with propagation on, every order's trace is one tree from the caller through every step in every
    /// style; with it off, none is, from the same spans; the spans are kept, the report tables and draws them, and the
    /// simulated twins say why they have no traces instead of failing.
    /// </summary>
    [Fact]
    public async Task Tracing_quick_puts_every_order_in_one_tree_unless_the_roles_do_not_propagate()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-tracing-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(4), "run", "tracing", "--profile", "quick", "--with-sim", "--output", output);

            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            var measured = results.Arms.Where(a => !a.Simulated).ToDictionary(a => a.Name);
            Assert.All(measured.Values, arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
            foreach (var name in new[] { "rest", "grpc", "jetstream", "inproc" })
            {
                var tracing = measured[name].Tracing!;
                Assert.True(tracing.CompleteShare == 1, $"{name}: {tracing}");
                Assert.Equal(measured[name].Counts.Accepted, tracing.Orders);
                Assert.NotNull(tracing.StepGapMs);
                Assert.True(File.Exists(Path.Combine(output, "charts", $"traces-{name}.png")), $"{name}: no waterfall");
            }

            var broken = measured["jetstream-unpropagated"].Tracing!;
            Assert.Equal((0.0, (LatencySummary?)null), (broken.CompleteShare, broken.StepGapMs));
            Assert.True(broken.Traces > broken.Orders, $"each hop starts a trace of its own: {broken}");
            Assert.Null(measured["rest-untraced"].Tracing);
            Assert.False(File.Exists(Path.Combine(output, "rest-untraced.spans.jsonl")));
            Assert.Equal(measured["jetstream"].Tracing!.Spans, File.ReadLines(Path.Combine(output, "jetstream.spans.jsonl")).LongCount());
            var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), TestContext.Current.CancellationToken);
            Assert.Contains("## Traces", report, StringComparison.Ordinal);
            Assert.All(results.Arms.Where(a => a.Simulated && a.Name != "rest-untraced~sim"), arm =>
                Assert.Contains(arm.Notes, n => n.StartsWith("not evaluated: traceComplete", StringComparison.Ordinal)));
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>
    /// fan-out quick: an order is complete only when all N receivers have it, the REST edge is configured with N
    /// receiver endpoints and the messaging edge with one, at every swept N.
    /// </summary>
    [Fact]
    public async Task Fan_out_quick_completes_at_every_receiver_and_counts_the_senders_endpoints()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-fan-out-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(6), "run", "fan-out", "--profile", "quick", "--with-sim", "--output", output);

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            Assert.Equal([1, 8], results.Arms.Select(a => a.Sweep!.Value).Distinct());
            SimulatedAgreement.AssertHolds(results, SimulatedAgreement.Robust);
            foreach (var arm in results.Arms.Where(a => !a.Simulated))
            {
                var n = arm.Sweep!.Value;
                Assert.True(arm.Accounting!.AddsUp, $"{arm.Name}: {arm.Accounting.Detail}");
                Assert.Equal(n, arm.FanOut!.Receivers);
                Assert.Equal(arm.Style is "rest" or "grpc" ? n : 1, arm.FanOut.SenderEndpoints);
                // Completed means every receiver wrote its effect: each receiver's ledger holds at least every completed order.
                var receivers = n == 1 ? ["notify"] : Enumerable.Range(1, n).Select(k => $"notify.{k}").ToArray();
                foreach (var receiver in receivers)
                {
                    var ledger = new FileInfo(Path.Combine(output, "ledgers", arm.Name, $"{receiver}.ledger"));
                    Assert.True(ledger.Exists && ledger.Length / LedgerRecord.Size >= arm.Counts.Completed, $"{arm.Name}: {receiver} holds fewer effects than completed orders");
                }

                Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})"));
            }
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>The transport floor: every transport in both models, each round trip reported, each claim held.</summary>
    [Fact]
    public async Task Transport_baseline_quick_reports_every_round_trip_and_holds_every_expectation()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-transport-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(3), "run", "transport-baseline", "--profile", "quick", "--output", output);

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            Assert.Equal(16, results.Arms.Count);
            Assert.InRange(results.Environment.RabbitMq!.StartupSec, 0.1, 60); // one node for the run's four RabbitMQ arms
            foreach (var arm in results.Arms)
            {
                Assert.Equal(arm.Counts.Offered, arm.Counts.Sent + arm.Counts.DroppedByGenerator);
                Assert.Equal(arm.Counts.Sent, arm.Counts.Accepted + arm.Counts.Errors);
                // Reported for every arm; a buffered NATS publish may read 0 ms (under the histograms' 1 us resolution).
                Assert.True(arm.LatencyMs.Accept is { P50: >= 0, Count: > 0 }, arm.Name);
                Assert.Null(arm.LatencyMs.Completion);
                Assert.NotEmpty(arm.Expectations);
                Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})"));
            }
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>
    /// inproc needs nothing: with no nats-server on PATH and ARCHLAB_NATS_SERVER unset, the wrapper installs nothing for
    /// a run whose arms are all inproc (it asks the command first), and the run holds its expectations.
    /// </summary>
    [Fact]
    public async Task An_inproc_only_run_works_through_the_wrapper_on_a_machine_without_nats_server()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-inproc-{Guid.NewGuid():N}");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "archlab-tests", $"inproc-{Guid.NewGuid():N}")).FullName;
        var file = Path.Combine(folder, "inproc-only.yaml");
        await File.WriteAllTextAsync(file, """
            name: inproc-only
            title: inproc alone
            claim: one process needs no broker
            watch: every order completes
            workflow: { steps: { payment: { time: fixed(2ms), workers: 4 } } }
            arms:
              inproc: { style: inproc }
              inproc-sync: { style: inproc, answer: completion }
            load: { rate: 50/s, duration: 2s, warmup: 500ms }
            expect:
              inproc: [ "lost == 0", "errors == 0", "accept.p50 < inproc-sync.accept.p50" ]
              inproc-sync: [ "lost == 0", "errors == 0" ]
            """, TestContext.Current.CancellationToken);
        var path = string.Join(':', (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => !File.Exists(Path.Combine(dir, "nats-server"))));
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(3),
                new Dictionary<string, string?> { ["PATH"] = path, ["ARCHLAB_NATS_SERVER"] = null },
                "run", file, "--output", output);

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.Contains("no arm of this run needs nats-server; nothing to install", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("installing", run.Error, StringComparison.Ordinal);
            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            Assert.Null(results.Environment.NatsServer);
            Assert.All(results.Arms, arm => Assert.True(arm.Accounting!.AddsUp, $"{arm.Name}: {arm.Accounting.Detail}"));
            Assert.All(results.Arms, arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Every_scenario_in_the_repository_is_valid()
    {
        var files = Directory.GetFiles(Path.Combine(Wrapper.Root, "scenarios"), "*.yaml", SearchOption.AllDirectories);

        var validate = await Wrapper.RunAsync(TimeSpan.FromMinutes(1), ["validate", .. files]);

        Assert.True(validate.ExitCode == 0, validate.Output + validate.Error);
        Assert.Equal(files.Length, validate.Output.Split('\n').Count(l => l.StartsWith("valid ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_bad_scenario_file_gets_a_precise_error_and_no_stack_trace()
    {
        var file = Path.Combine(Path.GetTempPath(), $"archlab-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "name: bad\ntitle: t\nclaim: c\nwatch: w\nworkflow: {}\narms: { rest: { style: soap } }\nload: { rate: 10 }\n", TestContext.Current.CancellationToken);
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(1), "run", file);

            Assert.Equal(2, run.ExitCode);
            var text = run.Output + run.Error;
            Assert.Contains("arms.rest.style", text, StringComparison.Ordinal);
            Assert.Contains(":6:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A misspelled option is refused on every subcommand, with the option it was probably meant to be.</summary>
    [Theory]
    [InlineData("run async-offload --rat 5/s", "--rate")]
    [InlineData("run async-offload --duraton 1s", "--duration")]
    [InlineData("simulate retention --sclae 10", "--scale")]
    [InlineData("validate scenarios/retention.yaml --strict", null)]
    [InlineData("doctor --bogus", null)]
    public async Task A_misspelled_option_is_refused_with_what_was_meant(string command, string? meant)
    {
        var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(3), command.Split(' '));

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        Assert.Contains("Unknown option", run.Output, StringComparison.Ordinal);
        Assert.Contains($"see archlab {command.Split(' ')[0]} --help", run.Output, StringComparison.Ordinal);
        if (meant is not null)
        {
            Assert.Contains($"did you mean {meant}?", run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Exception", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_every_scenario_with_its_claim()
    {
        var list = await Wrapper.RunAsync(TimeSpan.FromMinutes(1), "list");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("async-offload", list.Output, StringComparison.Ordinal);
    }
}
