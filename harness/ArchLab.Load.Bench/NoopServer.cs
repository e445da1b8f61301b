namespace ArchLab.Load.Bench;

/// <summary>The endpoint both clients hit: <c>/noop</c> answers 200 with an empty body to GET (wrk) and POST (the engine).
/// Listens on 127.0.0.1 on a port the system picks, and says which on stdout.</summary>
internal static class NoopServer
{
    public const string ReadyPrefix = "listening ";

    public static async Task<int> RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapMethods("/noop", ["GET", "POST"], static () => Results.Ok());
        await app.StartAsync();
        Console.WriteLine(ReadyPrefix + app.Urls.First());

        // The parent ends this process by closing its stdin (or by killing it).
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}
