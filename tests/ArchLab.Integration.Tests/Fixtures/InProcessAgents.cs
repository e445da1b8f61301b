using ArchLab.Harness.Agents;

namespace ArchLab.Integration.Tests.Fixtures;

/// <summary>Load agents as loops in the test's own process, on a real NATS server: each runs until the token is cancelled.</summary>
public static class InProcessAgents
{
    /// <summary>Starts one agent per name and waits until each listens; the tasks end when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task<Task[]> StartAsync(string url, string[] names, CancellationToken cancellationToken)
    {
        var ready = names.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var runs = names.Select((name, i) => Task.Run(async () =>
        {
            try
            {
                await new LoadAgent(url, name, _ => { }).RunAsync(() => ready[i].TrySetResult(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }, CancellationToken.None)).ToArray();
        // Ready, or the agent's own failure (thrown here rather than a timeout that hides it).
        for (var i = 0; i < names.Length; i++)
        {
            await (await Task.WhenAny(ready[i].Task, runs[i])).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            if (!ready[i].Task.IsCompleted)
            {
                throw new InvalidOperationException($"agent {names[i]} stopped before it was ready");
            }
        }

        return runs;
    }
}
