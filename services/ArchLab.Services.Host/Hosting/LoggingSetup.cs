using Microsoft.Extensions.Logging.Console;

namespace ArchLab.Services.Host.Hosting;

/// <summary>Logs go to standard error, so standard output carries only the ready line.</summary>
public static class LoggingSetup
{
    public static void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("NATS", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        // Polly logs every retry as a warning: under load that is a line per failed attempt. The ledger counts them.
        builder.Logging.AddFilter("Polly", LogLevel.Error);
    }
}
