namespace ArchLab.Microbenchmarks.Running;

/// <summary>What one invocation of the microbenchmarks runs and where it leaves its reports.</summary>
/// <param name="ArtifactsPath">BenchmarkDotNet's artifacts folder; the reports go to its <c>results/</c>.
/// Default: <c>BenchmarkDotNet.Artifacts</c> under the current folder.</param>
/// <param name="Quick">A job of a few short iterations: proves that every benchmark runs, its figures mean little. Default: false.</param>
/// <param name="Filters">Globs on the full benchmark name (<c>Namespace.Type.Method</c>); empty runs everything.</param>
public sealed record BenchOptions(string ArtifactsPath, bool Quick, IReadOnlyList<string> Filters)
{
    public static BenchOptions Default { get; } = new(Path.GetFullPath("BenchmarkDotNet.Artifacts"), false, []);

    public const string Usage =
        "usage: ArchLab.Microbenchmarks [--filter <glob>]... [--artifacts <dir>] [--quick]\n" +
        "  --filter <glob>    run the benchmarks whose full name matches, e.g. '*Serialization*' (repeatable)\n" +
        "  --artifacts <dir>  where BenchmarkDotNet writes; the reports land in <dir>/results (default ./BenchmarkDotNet.Artifacts)\n" +
        "  --quick            a very short job, for tests and smoke checks";

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with the reason on a bad one.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        var filters = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--filter":
                    filters.Add(Value(args, ref i));
                    break;
                case "--artifacts":
                    options = options with { ArtifactsPath = Path.GetFullPath(Value(args, ref i)) };
                    break;
                case "--quick":
                    options = options with { Quick = true };
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return options with { Filters = filters };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a value");
        }

        return args[++i];
    }
}
