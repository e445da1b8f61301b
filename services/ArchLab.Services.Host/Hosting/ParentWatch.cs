namespace ArchLab.Services.Host.Hosting;

/// <summary>
/// Ends the host when its standard input closes. The harness keeps the other end of that pipe open for
/// as long as it lives, so a harness that crashes or is killed takes its roles with it: no orphans.
/// The read blocks a background thread of its own: a blocking read of a pipe ignores cancellation, and a
/// hosted service waiting on it would hold up every graceful stop.
/// </summary>
public sealed class ParentWatch(IHostApplicationLifetime lifetime, ILogger<ParentWatch> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        new Thread(Watch) { IsBackground = true, Name = "archlab-parent-watch" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Watch()
    {
        try
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        logger.LogWarning("standard input closed: the harness is gone, stopping");
        lifetime.StopApplication();
        // A stop that hangs must not leave an orphan behind.
        Thread.Sleep(TimeSpan.FromSeconds(5));
        Environment.Exit(3);
    }
}
