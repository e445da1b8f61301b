using System.Diagnostics;

namespace ArchLab.Integration.Tests.Fixtures;

/// <summary>Waits for a condition with a deadline: the signal, never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(start) > within)
            {
                Assert.Fail($"{what}: still not true after {within.TotalSeconds:0.#}s");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var start = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(start) > within)
            {
                Assert.Fail($"{what}: still not true after {within.TotalSeconds:0.#}s");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
