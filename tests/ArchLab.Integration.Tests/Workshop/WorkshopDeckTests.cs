using System.Diagnostics;
using System.Text.Json.Nodes;
using ArchLab.Harness.Orchestration;
using ArchLab.Integration.Tests.Fixtures;
using ArchLab.Integration.Tests.Reports;

namespace ArchLab.Integration.Tests.Workshop;

/// <summary><c>archlab workshop</c> over two small lessons, then its deck opened from disk in a real headless browser.</summary>
public sealed class WorkshopDeckTests
{
    private static string Lesson(string name, string style, string question) => $$"""
        name: {{name}}
        title: Lesson {{name}}
        claim: The {{style}} arm completes what it accepts.
        watch: lost
        headline: { text: "{{style}} lost {{{style}}.lost} of its orders and answered in {{{style}}.accept.p50}", chart: bars-accept }
        question: { text: "{{question}}", choices: [none, some, all] }
        workflow:
          steps:
            inventory: { time: exp(1ms), workers: 8 }
            payment:   { time: exp(2ms), workers: 8 }
            notify:    { time: exp(1ms), workers: 8 }
        arms:
          {{style}}: { style: {{style}} }
        load: { model: open, arrival: poisson, rate: 40/s, duration: 10s, warmup: 1s }
        expect:
          {{style}}: [ "lost == 0" ]
        profiles:
          quick:
            load: { duration: 2s, warmup: 500ms }
        """;

    [Fact]
    public async Task A_workshop_asks_runs_reveals_each_lesson_and_keeps_a_deck_that_opens_offline()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder("workshop");
        var lessons = Path.Combine(folder.Path, "lessons");
        Directory.CreateDirectory(lessons);
        await File.WriteAllTextAsync(Path.Combine(lessons, "one.yaml"), Lesson("one", "inproc", "How many orders does inproc lose?"), ct);
        await File.WriteAllTextAsync(Path.Combine(lessons, "two.yaml"), Lesson("two", "rest", "How many orders does rest lose?"), ct);
        var output = Path.Combine(folder.Path, "session");
        var info = new ProcessStartInfo(ServiceHostLocator.Dotnet()) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "archlab.dll"), "workshop", "--scenarios", lessons, "--output", output, "--no-pause", "--dashboard-linger", "0s" })
        {
            info.ArgumentList.Add(argument);
        }

        using var workshop = Process.Start(info)!;
        var printed = workshop.StandardOutput.ReadToEndAsync(ct);
        var errors = workshop.StandardError.ReadToEndAsync(ct);
        try
        {
            await workshop.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(3), ct);
        }
        finally
        {
            if (!workshop.HasExited)
            {
                workshop.Kill(entireProcessTree: true);
            }
        }

        var text = await printed;
        Assert.True(workshop.ExitCode == 0, $"exit {workshop.ExitCode}: {text}{await errors}");
        // The room is asked before each run, and told after it, in that order.
        var order = new[] { "lesson 1 of 2", "predict: How many orders does inproc lose?", "answer: inproc lost 0 of its orders", "lesson 2 of 2", "predict: How many orders does rest lose?", "answer: rest lost 0" }
            .Select(t => text.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.True(!order.Contains(-1) && order.SequenceEqual(order.Order()), text);
        Assert.Contains("live dashboard: http://127.0.0.1:", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));

        await using var page = await BrowserPage.OpenAsync(new Uri(Path.Combine(output, "workshop.html")), ct);
        var deck = JsonNode.Parse(await page.EvaluateAsync("""
            JSON.stringify({
              slides: document.querySelectorAll('.slide').length,
              questions: Array.from(document.querySelectorAll('.question')).map(q => q.textContent),
              sentences: Array.from(document.querySelectorAll('.lesson .sentence')).map(s => s.textContent),
              images: document.images.length,
              broken: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length,
              fetched: performance.getEntriesByType('resource').map(r => r.name)
            })
            """, ct))!;
        Assert.Equal(3, deck["slides"]!.GetValue<int>());
        Assert.Contains("How many orders does rest lose?", deck["questions"]![1]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches("^inproc lost 0 of its orders and answered in [0-9.]+ ms the claim holds$", deck["sentences"]![0]!.GetValue<string>());
        Assert.Equal((2, 0), (deck["images"]!.GetValue<int>(), deck["broken"]!.GetValue<int>()));
        // Offline: the page loaded nothing but itself.
        Assert.Empty(deck["fetched"]!.AsArray());

        // The keyboard moves to the next slide.
        await page.EvaluateAsync("(document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' })), 'sent')", ct);
        await page.WaitForAsync("window.scrollY >= document.getElementById('one').offsetTop - 2", TimeSpan.FromSeconds(5), "the first lesson's slide", ct);
        Assert.True(page.Errors.IsEmpty, "console errors: " + string.Join(" | ", page.Errors));
        await BrowserPage.AttachAsync("workshop-deck.png", await page.ScreenshotAsync(ct, fullPage: true), ct);
    }
}
