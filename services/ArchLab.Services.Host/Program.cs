using ArchLab.Contracts.Hosting;
using ArchLab.Services.Host.Hosting;
using ArchLab.Services.Host.Styles;

// One executable, any role, any style: `--config <options.json> [--role r --style s]`.
var options = HostArguments.Parse(args);

var builder = WebApplication.CreateSlimBuilder(args);
LoggingSetup.Configure(builder);
Listening.Configure(builder, options);
Tracing.Configure(builder, options);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
builder.Services.AddRole(options);
if (options.ExitWhenParentGone)
{
    builder.Services.AddHostedService<ParentWatch>();
}

await using var app = builder.Build();
app.MapRole(options);

await app.StartAsync();
await app.WhenReadyAsync(options, app.Lifetime.ApplicationStopping);
Console.Out.WriteLine(ReadyLine.Format(options.Role, options.Style, Listening.BoundPort(app), Environment.ProcessId));
Console.Out.Flush();
await app.WaitForShutdownAsync();
