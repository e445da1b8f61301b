namespace ArchLab.Services.Host.Hosting;

/// <summary>
/// Ends the host when its standard input closes. The harness keeps the other end of that pipe open for
/// as long as it lives, so a harness that crashes or is killed takes its roles with it: no orphans.
/// </summary>
public sealed class ParentWatch(IHostApplicationLifetime lifetime, ILogger<ParentWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (await stdin.ReadAsync(buffer, stoppingToken) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        logger.LogWarning("standard input closed: the harness is gone, stopping");
        lifetime.StopApplication();
        // A stop that hangs must not leave an orphan behind.
        _ = Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => Environment.Exit(3), TaskScheduler.Default);
    }
}
