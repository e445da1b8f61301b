using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ArchLab.Harness.Orchestration;
using ArchLab.Integration.Tests.Fixtures;
using ArchLab.Integration.Tests.Reports;

namespace ArchLab.Integration.Tests.Dashboard;

/// <summary><c>archlab run --dashboard</c> watched by a real headless browser during a real run of real processes.</summary>
public sealed class LiveDashboardBrowserTests
{
    private const string Scenario = """
        name: watched
        title: A run watched live
        claim: The dashboard follows the arms as they run.
        watch: Its table and charts.
        headline: { text: "inproc answers in {inproc.accept.p50}, rest in {rest.accept.p50}" }
        workflow:
          steps:
            inventory: { time: exp(1ms), workers: 8 }
            payment:   { time: exp(5ms), workers: 8 }
            notify:    { time: exp(1ms), workers: 8 }
        arms:
          inproc: { style: inproc }
          rest: { style: rest }
        load: { model: open, arrival: poisson, rate: 50/s, duration: 5s, warmup: 500ms }
        faults:
          - { at: 2s, for: 1s, pause: payment }
        expect:
          rest: [ "lost == 0" ]
        """;

    [Fact]
    public async Task The_dashboard_updates_during_the_run_shows_the_fault_window_and_ends_on_the_report()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder("dashboard");
        var file = Path.Combine(folder.Path, "watched.yaml");
        await File.WriteAllTextAsync(file, Scenario, ct);
        var output = new ConcurrentQueue<string>();
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var info = new ProcessStartInfo(ServiceHostLocator.Dotnet()) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "archlab.dll"), "run", file, "--output", Path.Combine(folder.Path, "run"), "--dashboard", "--dashboard-linger", "60s", "-q" })
        {
            info.ArgumentList.Add(argument);
        }

        using var harness = Process.Start(info)!;
        harness.OutputDataReceived += (_, e) =>
        {
            output.Enqueue(e.Data ?? "");
            const string marker = "live dashboard: ";
            if (e.Data?.IndexOf(marker, StringComparison.Ordinal) is >= 0 and var at)
            {
                address.TrySetResult(new Uri(e.Data[(at + marker.Length)..].Trim()));
            }
        };
        harness.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        harness.BeginOutputReadLine();
        harness.BeginErrorReadLine();
        try
        {
            var url = await address.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            await using var page = await BrowserPage.OpenAsync(url, ct, height: 1400);

            // During the load: two looks a little apart differ, in the table and on the screen.
            const string Table = "document.querySelector('#arms tbody').innerText";
            await page.WaitForAsync("document.querySelector('#arms tbody tr')?.cells[1].textContent === 'load'", TimeSpan.FromSeconds(60), "an arm under load", ct);
            var firstTable = await page.EvaluateAsync(Table, ct);
            var firstShot = await page.ScreenshotAsync(ct);
            await page.WaitForAsync($"{Table} !== {System.Text.Json.JsonSerializer.Serialize(firstTable)}", TimeSpan.FromSeconds(5), "the table to change", ct);
            var secondShot = await page.ScreenshotAsync(ct);
            Assert.NotEqual(Convert.ToBase64String(firstShot), Convert.ToBase64String(secondShot));
            const string Charts = "String(document.querySelectorAll('#charts .uplot').length)";
            Assert.InRange(int.Parse(await page.EvaluateAsync(Charts, ct), System.Globalization.CultureInfo.InvariantCulture), 3, 4);
            await BrowserPage.AttachAsync("dashboard-during.png", secondShot, ct);

            // The pause of payment shows as an open fault while it lasts, in the table.
            await page.WaitForAsync("document.querySelector('#arms .fault')?.textContent.includes('payment')", TimeSpan.FromSeconds(30), "the fault window open", ct);

            // After the run: the final state and the report, served by the dashboard.
            await page.WaitForAsync("document.getElementById('report') !== null", TimeSpan.FromSeconds(120), "the run to end", ct);
            var status = await page.EvaluateAsync("document.getElementById('status').textContent", ct);
            Assert.Contains("expectations held", status, StringComparison.Ordinal);
            Assert.Matches("inproc answers in [0-9.]+ ms, rest in [0-9.]+ ms", status);
            Assert.Equal(2, int.Parse(await page.EvaluateAsync("String(document.querySelectorAll('#arms tbody tr').length)", ct), System.Globalization.CultureInfo.InvariantCulture));
            // Accepted, completed and errors per second, and the accept p99 per interval; no backlog without a broker.
            Assert.Equal("4", await page.EvaluateAsync(Charts, ct));
            await BrowserPage.AttachAsync("dashboard-done.png", await page.ScreenshotAsync(ct), ct);
            using var http = new HttpClient();
            var report = await http.GetStringAsync(new Uri(url, "/report"), ct);
            Assert.Contains("<h1>A run watched live</h1>", report, StringComparison.Ordinal);
            Assert.True(page.Errors.IsEmpty, "console errors: " + string.Join(" | ", page.Errors));
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{e.Message}; the harness printed:{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(30))}", e);
        }
        finally
        {
            if (!harness.HasExited)
            {
                harness.Kill(entireProcessTree: true);
                await harness.WaitForExitAsync(CancellationToken.None);
            }
        }
    }
}
