namespace ArchLab.Reports.Web;

/// <summary>
/// The packages ArchLab's pages load from the npm registry (<c>web/package.json</c>): installed by <c>./archlab</c> into
/// <c>.archlab/web</c> of the repository, or wherever <c>ARCHLAB_WEB</c> points (a folder holding <c>node_modules</c>).
/// Never copied into the repository, never fetched at view time: a page gets them inlined, or served from here.
/// </summary>
public static class WebPackages
{
    public const string Variable = "ARCHLAB_WEB";

    /// <summary>The NATS WebSocket client's ES module (nats.ws).</summary>
    public const string NatsClient = "nats.ws/esm/nats.js";

    /// <summary>uPlot's script, which defines the global <c>uPlot</c>.</summary>
    public const string UPlotScript = "uplot/dist/uPlot.iife.min.js";

    /// <summary>uPlot's style sheet.</summary>
    public const string UPlotCss = "uplot/dist/uPlot.min.css";

    public const string InstallHint =
        "./archlab installs them into .archlab/web on first use; or run: npm install --prefix .archlab/web (from web/package.json), or point " + Variable + " at a folder where they are installed";

    /// <summary>The file <paramref name="file"/> (under <c>node_modules</c>), or null when it is not installed.</summary>
    public static string? Find(string file)
    {
        foreach (var root in Roots())
        {
            var candidate = Path.Combine(root, "node_modules", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The file <paramref name="file"/> (under <c>node_modules</c>).</summary>
    /// <exception cref="FileNotFoundException">It is not installed; the message says how to install it.</exception>
    public static string Require(string file, string whatFor) =>
        Find(file) ?? throw new FileNotFoundException($"{whatFor} needs {file.Split('/')[0]} from the npm registry, which is not installed: {InstallHint}");

    /// <summary>uPlot's script and style sheet, or null when it is not installed.</summary>
    public static (string Script, string Css)? UPlot() =>
        Find(UPlotScript) is { } script && Find(UPlotCss) is { } css ? (File.ReadAllText(script), File.ReadAllText(css)) : null;

    private static IEnumerable<string> Roots()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } web)
        {
            yield return web;
            yield break;
        }

        var starts = new[] { Environment.GetEnvironmentVariable("ARCHLAB_HOME"), Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                yield return Path.Combine(dir.FullName, ".archlab", "web");
            }
        }
    }
}
