using System.Diagnostics;

namespace ArchLab.Integration.Tests.Reports;

/// <summary>
/// The Debian <c>chromium</c> package started headless with a DevTools port of its own choosing, read from its
/// "DevTools listening on" line. Disposing ends the process tree by its id, whatever happened.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;

    private HeadlessChromium(Process process, string profile, Uri devToolsUrl)
    {
        _process = process;
        _profile = profile;
        DevToolsUrl = devToolsUrl;
    }

    public Uri DevToolsUrl { get; }

    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(Executable),
            $"{Executable} is missing: the report browser test needs the Debian package chromium (apt-get install -y chromium).");
        var profile = Directory.CreateTempSubdirectory("archlab-chromium-").FullName;
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless=new", "--remote-debugging-port=0", $"--user-data-dir={profile}", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "about:blank" })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            const string marker = "DevTools listening on ";
            if (e.Data is { } line && line.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0)
            {
                ready.TrySetResult(new Uri(line[(at + marker.Length)..].Trim()));
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"chromium exited with {process.ExitCode} before its DevTools port was open"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile, new Uri("ws://unset"));
        try
        {
            var url = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return new HeadlessChromium(process, profile, url);
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var byId = Process.GetProcessById(_process.Id);
            byId.Kill(entireProcessTree: true);
            await byId.WaitForExitAsync();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A profile file the browser still held; it is in the temp folder.
        }
    }
}
