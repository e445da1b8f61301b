using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ArchLab.Harness.Model.Tracing;
using ArchLab.Harness.Tracing;
using ArchLab.Services.Core.Steps;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ArchLab.Integration.Tests.Tracing;

/// <summary>The run's collector against OpenTelemetry's own OTLP/HTTP exporter: what the SDK sends is what the figures read.</summary>
public sealed class TraceCollectorTests
{
    [Fact]
    public async Task Spans_exported_by_the_OpenTelemetry_SDK_arrive_whole_and_are_forwarded_to_the_user_s_collector()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var users = await TraceCollector.StartAsync(cancellationToken: cancel);
        await using var collector = await TraceCollector.StartAsync(users.Endpoint, cancel);
        using var source = new ActivitySource("archlab.tests.collector");
        Activity server, step;
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("payment"))
            .AddOtlpExporter(otlp =>
            {
                otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                otlp.Endpoint = new Uri(collector.Endpoint, "v1/traces");
                otlp.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build())
        {
            // A parent from another process, as a traceparent header brings it.
            var caller = new ActivityContext(ActivityTraceId.CreateFromString("1a2b3c4d00000000000000000000002a"), ActivitySpanId.CreateFromString("ca11e7000000002a"), ActivityTraceFlags.Recorded);
            server = source.StartActivity("POST /charge", ActivityKind.Server, caller)!;
            step = source.StartActivity("step payment")!;
            step.SetTag(StepSpans.OrderTag, "1a2b3c4d-42");
            step.Stop();
            server.Stop();
            Assert.True(provider.ForceFlush(10_000));
        }

        var spans = collector.Take().OrderBy(s => s.StartUnixNs).ThenBy(s => s.Name).ToList();

        Assert.Equal(2, spans.Count);
        var (serverSpan, stepSpan) = (spans.Single(s => s.Kind == "server"), spans.Single(s => s.Kind == "internal"));
        Assert.Equal(("1a2b3c4d00000000000000000000002a", 0xca11e7000000002aUL, "POST /charge", "payment"),
            (serverSpan.TraceId, serverSpan.ParentSpanId, serverSpan.Name, serverSpan.Service));
        Assert.Equal((server.SpanId.ToHexString(), serverSpan.SpanId), ($"{stepSpan.ParentSpanId:x16}", ulong.Parse(server.SpanId.ToHexString(), System.Globalization.NumberStyles.HexNumber)));
        Assert.Equal(("step payment", "1a2b3c4d-42", step.SpanId.ToHexString()), (stepSpan.Name, stepSpan.Order, $"{stepSpan.SpanId:x16}"));
        Assert.Null(serverSpan.Order);
        // Nanoseconds since the epoch, as Activity timed them (to its tick of 100 ns).
        Assert.Equal(new DateTimeOffset(step.StartTimeUtc).ToUnixTimeMilliseconds(), stepSpan.StartUnixNs / 1_000_000);
        Assert.Equal(step.Duration.TotalMilliseconds, stepSpan.DurationMs, 3);
        // The simple processor exports each span as it ends: two exports, none refused, both forwarded.
        Assert.Equal((2L, 0L, 0L), collector.Counts);
        Assert.Equal(spans.OrderBy(s => s.SpanId), users.Take().OrderBy(s => s.SpanId));
    }

    [Fact]
    public async Task What_is_not_OTLP_protobuf_gets_a_problem_answer_and_is_counted()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var collector = await TraceCollector.StartAsync(cancellationToken: cancel);
        using var http = new HttpClient();
        var traces = new Uri(collector.Endpoint, "v1/traces");

        using var json = await http.PostAsync(traces, new StringContent("{\"resourceSpans\":[]}", new MediaTypeHeaderValue("application/json")), cancel);
        var garbage = new ByteArrayContent([0x0a, 0xff, 0xff, 0xff]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var malformed = await http.PostAsync(traces, garbage, cancel);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "application/problem+json"), (json.StatusCode, json.Content.Headers.ContentType?.MediaType));
        Assert.Contains("application/x-protobuf", await json.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (malformed.StatusCode, malformed.Content.Headers.ContentType?.MediaType));
        Assert.Equal((0L, 2L, 0L), collector.Counts);
        Assert.Empty(collector.Take());
    }
}
