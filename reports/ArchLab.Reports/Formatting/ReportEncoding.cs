using System.Text;

namespace ArchLab.Reports;

/// <summary>The text encoding of every report file: UTF-8 without a byte order mark (a BOM shows up as a stray first CSV column name).</summary>
internal static class ReportEncoding
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
