using System.Diagnostics;
using ArchLab.Contracts.Hosting;
using ArchLab.Services.Core.Steps;
using NATS.Client.OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ArchLab.Services.Host.Hosting;

/// <summary>
/// OpenTelemetry for a role whose options ask for it: server spans of HTTP and gRPC requests, client spans of the
/// calls it makes, NATS publish and receive spans, and the step spans; every one exported over OTLP/HTTP.
/// </summary>
internal static class Tracing
{
    public static void Configure(WebApplicationBuilder builder, ServiceOptions options)
    {
        if (options.Tracing is not { } tracing)
        {
            return;
        }

        if (!tracing.Propagate)
        {
            // Spans are still recorded; only the context is no longer written into HTTP, gRPC and NATS headers (NATS.Net
            // and HttpClient both inject through this propagator). An incoming context is still read.
            DistributedContextPropagator.Current = DistributedContextPropagator.CreateNoOutputPropagator();
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.Role, serviceInstanceId: Environment.ProcessId.ToString()))
            .WithTracing(tracer => tracer
                .SetSampler(new AlwaysOnSampler())
                .AddSource(StepSpans.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // The gRPC client's own span: the parent of the HTTP/2 call under it, which would otherwise hang from a
                // span no one exports.
                .AddSource("Grpc.Net.Client")
                .AddNatsClientInstrumentation()
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                    otlp.Endpoint = new Uri(new Uri(tracing.Endpoint), "v1/traces");
                    // A short delay so that the spans of a quick run reach the collector while it runs; a queue deep
                    // enough that a burst is kept rather than dropped (the collector counts what arrives).
                    otlp.BatchExportProcessorOptions.ScheduledDelayMilliseconds = 200;
                    otlp.BatchExportProcessorOptions.MaxQueueSize = 1 << 16;
                    otlp.BatchExportProcessorOptions.MaxExportBatchSize = 2048;
                }));
    }
}
