using System.Text;

namespace ArchLab.Microbenchmarks.Serialization;

/// <summary>Order filler of a given size, the same bytes for every serializer.</summary>
public static class SamplePayloads
{
    public const string OrderId = "1a2b3c4d-42";

    /// <summary>
    /// ASCII letters and digits, as the harness's order bodies are: JSON writes them as they are, so the
    /// size on the wire stays close to the payload size for both formats and no escaping cost slips in.
    /// </summary>
    public static string Text(int bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(bytes, alphabet, static (span, a) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = a[i % a.Length];
            }
        });
    }

    public static byte[] Bytes(int bytes) => Encoding.ASCII.GetBytes(Text(bytes));
}
