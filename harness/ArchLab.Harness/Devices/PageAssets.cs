using ArchLab.Reports.Web;

namespace ArchLab.Harness.Devices;

/// <summary>
/// Where the device pages and what they load are: the pages beside the harness (<c>Devices/page</c>), the NATS
/// WebSocket client (<c>nats.ws</c>, one of the <see cref="WebPackages"/>); and the browser, Debian's <c>chromium</c> or
/// <c>ARCHLAB_CHROMIUM</c>.
/// </summary>
public static class PageAssets
{
    public const string BrowserVariable = "ARCHLAB_CHROMIUM";

    /// <summary>The folder of <c>index.html</c>, <c>device.html</c> and <c>device.js</c>.</summary>
    public static string PagesFolder => Path.Combine(AppContext.BaseDirectory, "Devices", "page");

    /// <summary>The ES module build of nats.ws the pages import as <c>./nats.js</c>.</summary>
    /// <exception cref="FileNotFoundException">It is not installed; the message says how to install it.</exception>
    public static string NatsClient() => WebPackages.Require(WebPackages.NatsClient, "the device pages");

    /// <summary>The Chromium executable.</summary>
    /// <exception cref="FileNotFoundException">There is none; the message says how to install it.</exception>
    public static string Browser()
    {
        if (Environment.GetEnvironmentVariable(BrowserVariable) is { Length: > 0 } path)
        {
            return File.Exists(path) ? path : throw new FileNotFoundException($"{BrowserVariable}={path} is not a file (expected a Chromium executable)");
        }

        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            "the device pages run in headless Chromium, which is not installed: sudo apt-get install -y chromium (./archlab run does it where it may), " +
            "or point " + BrowserVariable + " at a Chromium executable");
    }
}
