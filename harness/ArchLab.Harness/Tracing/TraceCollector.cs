using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using ArchLab.Harness.Model.Tracing;
using ArchLab.Harness.Tracing.Otlp;
using ArchLab.Services.Core.Steps;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ArchLab.Harness.Tracing;

/// <summary>
/// The run's own trace collector: an OTLP/HTTP receiver (<c>POST /v1/traces</c>, protobuf, optionally gzip) on a
/// loopback port, which keeps every span for the arm's figures and, when the user named a collector of their own
/// (<c>--otlp-endpoint</c>, e.g. Jaeger's 4318), forwards each export to it unchanged.
/// </summary>
public sealed class TraceCollector : IAsyncDisposable
{
    private const string TracesPath = "/v1/traces";
    private readonly WebApplication _app;
    private readonly HttpClient? _forward;
    private readonly Uri? _forwardTo;
    private ConcurrentQueue<CollectedSpan> _spans = new();
    private long _exports;
    private long _refused;
    private long _forwardFailures;

    private TraceCollector(WebApplication app, Uri endpoint, Uri? forwardTo)
    {
        _app = app;
        Endpoint = endpoint;
        _forwardTo = forwardTo is null ? null : new Uri(forwardTo, TracesPath);
        _forward = forwardTo is null ? null : new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The base address the roles export to (their <c>tracing.endpoint</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Exports received, exports refused as malformed, and forwards that failed.</summary>
    public (long Exports, long Refused, long ForwardFailures) Counts =>
        (Interlocked.Read(ref _exports), Interlocked.Read(ref _refused), Interlocked.Read(ref _forwardFailures));

    /// <param name="forwardTo">Base address of the user's own OTLP/HTTP collector, or null.</param>
    public static async Task<TraceCollector> StartAsync(Uri? forwardTo = null, CancellationToken cancellationToken = default)
    {
        var app = Processes.LoopbackWebHost.Build();
        TraceCollector? collector = null;
        app.MapPost(TracesPath, (HttpRequest request) => collector!.ReceiveAsync(request));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        collector = new TraceCollector(app, new Uri(app.Urls.First()), forwardTo);
        return collector;
    }

    /// <summary>Hands over the spans received since the last call: one arm's, taken after its roles stopped.</summary>
    public IReadOnlyList<CollectedSpan> Take() => [.. Interlocked.Exchange(ref _spans, new ConcurrentQueue<CollectedSpan>())];

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _forward?.Dispose();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var aborted = request.HttpContext.RequestAborted;
        if (request.ContentType?.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase) != true)
        {
            Interlocked.Increment(ref _refused);
            return HttpResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "unsupported content type", detail: $"this collector reads OTLP/HTTP protobuf (application/x-protobuf), not '{request.ContentType}'");
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            var source = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(request.Body, CompressionMode.Decompress)
                : request.Body;
            await source.CopyToAsync(buffer, aborted);
            body = buffer.ToArray();
        }

        ExportTraceServiceRequest export;
        try
        {
            export = ExportTraceServiceRequest.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            Interlocked.Increment(ref _refused);
            return HttpResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "malformed export", detail: e.Message);
        }

        Interlocked.Increment(ref _exports);
        Keep(export);
        if (_forward is not null)
        {
            await ForwardAsync(body, aborted);
        }

        return HttpResults.Bytes(new ExportTraceServiceResponse().ToByteArray(), "application/x-protobuf");
    }

    private void Keep(ExportTraceServiceRequest export)
    {
        var spans = _spans;
        foreach (var resource in export.ResourceSpans)
        {
            var service = resource.Resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? "";
            foreach (var scope in resource.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    spans.Enqueue(new CollectedSpan(
                        Convert.ToHexStringLower(span.TraceId.Span),
                        IdOf(span.SpanId),
                        IdOf(span.ParentSpanId),
                        span.Name,
                        service,
                        KindOf(span.Kind),
                        (long)span.StartTimeUnixNano,
                        (long)span.EndTimeUnixNano,
                        span.Attributes.FirstOrDefault(a => a.Key == StepSpans.OrderTag)?.Value?.StringValue));
                }
            }
        }
    }

    private async Task ForwardAsync(byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/x-protobuf");
            using var response = await _forward!.PostAsync(_forwardTo, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _forwardFailures);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _forwardFailures);
        }
    }

    /// <summary>An 8-byte span id as a number; 0 for an absent one.</summary>
    private static ulong IdOf(ByteString id) => id.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(id.Span) : 0;

    private static string KindOf(SpanKind kind) => kind switch
    {
        SpanKind.Server => "server",
        SpanKind.Client => "client",
        SpanKind.Producer => "producer",
        SpanKind.Consumer => "consumer",
        _ => "internal",
    };
}
