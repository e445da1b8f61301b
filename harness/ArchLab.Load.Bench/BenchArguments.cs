using System.Globalization;

namespace ArchLab.Load.Bench;

/// <summary>The command line: a command, then <c>--name value</c> pairs. Durations are written 10s, 500ms or 2m.</summary>
internal sealed record BenchArguments(string Command, IReadOnlyDictionary<string, string> Options)
{
    public static BenchArguments Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return new BenchArguments(args.Length > 0 ? args[0] : "", options);
    }

    public static int Usage()
    {
        Console.Error.WriteLine("""
            usage: ArchLab.Load.Bench ceiling  [--connections 32] [--duration 10s] [--rounds 2] [--clients lean,sockets,httpclient]
                   ArchLab.Load.Bench accuracy [--rate 2000] [--duration 20s] [--arrival constant|poisson]
                   ArchLab.Load.Bench faults
                   ArchLab.Load.Bench proxy    [--rounds 3] [--requests 5000] [--connections 16] [--duration 5s]
                   ArchLab.Load.Bench reports  [--rounds 5] [--keep <folder>]
                   ArchLab.Load.Bench simulate [--customers 5000000] [--seeds 5] [--scenario all|<name>] [--scale 100]
                   ArchLab.Load.Bench nats     [--rounds 3] [--duration 5s] [--concurrency 16] [--payload 128]
                   ArchLab.Load.Bench service-time [--rates 100,2000] [--samples 4000] [--cost-seconds 10]
                   ArchLab.Load.Bench harness-cost [--rates 1000,5000] [--duration 10s]
                   ArchLab.Load.Bench agents   [--users 24] [--duration 8s] [--rounds 2] [--archlab harness/ArchLab.Cli/bin/Release/net10.0/archlab.dll]
            """);
        return 2;
    }

    public int Int(string name, int fallback) =>
        Options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        Options.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public string Text(string name, string fallback) => Options.GetValueOrDefault(name, fallback);

    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (!Options.TryGetValue(name, out var text))
        {
            return fallback;
        }

        static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(Number(text[..^2])),
            _ when text.EndsWith('s') => TimeSpan.FromSeconds(Number(text[..^1])),
            _ when text.EndsWith('m') => TimeSpan.FromMinutes(Number(text[..^1])),
            _ => TimeSpan.FromSeconds(Number(text)),
        };
    }
}
