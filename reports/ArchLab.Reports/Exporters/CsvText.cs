namespace ArchLab.Reports.Exporters;

/// <summary>RFC 4180 fields: quoted only when they hold a comma, a quote or a line break.</summary>
internal static class CsvText
{
    public static string Row(IEnumerable<string> fields) => string.Join(',', fields.Select(Field));

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Writes lines with <c>\n</c> endings and UTF-8 without a byte order mark, so a file is the same on every OS.</summary>
    public static Task WriteAsync(string path, IEnumerable<string> lines, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n", ReportEncoding.Utf8, cancellationToken);
}
