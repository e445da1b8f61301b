using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArchLab.Harness.Processes;

/// <summary>
/// A web host inside the harness (the trace collector, the device pages' server): on a loopback port of the system's
/// choosing, silent, and stopped when the run says, not by Ctrl-C or SIGTERM through the host.
/// </summary>
internal static class LoopbackWebHost
{
    /// <param name="port">The loopback port; 0 (the default) lets the system choose.</param>
    public static WebApplication Build(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, OwnerLifetime>();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder.Build();
    }

    private sealed class OwnerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
