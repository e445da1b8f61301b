using System.Text.Json;

namespace ArchLab.Harness.Model.Tracing;

/// <summary>
/// An arm's spans as a file of the run (<c>&lt;arm&gt;.spans.jsonl</c>): one JSON object per line, ids in hexadecimal
/// as OTLP/JSON writes them, times in Unix nanoseconds; for reading back, or loading into other tools.
/// </summary>
public static class SpanFile
{
    public static async Task WriteAsync(string path, IEnumerable<CollectedSpan> spans, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        using var writer = new Utf8JsonWriter(file);
        foreach (var span in spans.OrderBy(s => s.StartUnixNs))
        {
            writer.WriteStartObject();
            writer.WriteString("traceId", span.TraceId);
            writer.WriteString("spanId", $"{span.SpanId:x16}");
            if (span.ParentSpanId != 0)
            {
                writer.WriteString("parentSpanId", $"{span.ParentSpanId:x16}");
            }

            writer.WriteString("name", span.Name);
            writer.WriteString("service", span.Service);
            writer.WriteString("kind", span.Kind);
            writer.WriteNumber("startUnixNs", span.StartUnixNs);
            writer.WriteNumber("endUnixNs", span.EndUnixNs);
            if (span.Order is { } order)
            {
                writer.WriteString("order", order);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken);
            file.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    /// <summary>The spans of a file <see cref="WriteAsync"/> wrote; empty when there is no such file.</summary>
    public static IReadOnlyList<CollectedSpan> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var spans = new List<CollectedSpan>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var span = json.RootElement;
            spans.Add(new CollectedSpan(
                span.GetProperty("traceId").GetString()!,
                Id(span.GetProperty("spanId").GetString()),
                span.TryGetProperty("parentSpanId", out var parent) ? Id(parent.GetString()) : 0,
                span.GetProperty("name").GetString()!,
                span.GetProperty("service").GetString()!,
                span.GetProperty("kind").GetString()!,
                span.GetProperty("startUnixNs").GetInt64(),
                span.GetProperty("endUnixNs").GetInt64(),
                span.TryGetProperty("order", out var order) ? order.GetString() : null));
        }

        return spans;
    }

    /// <summary>The file of an arm's spans in a run folder.</summary>
    public static string FileName(string arm) => $"{arm}.spans.jsonl";

    private static ulong Id(string? hex) => ulong.Parse(hex!, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
