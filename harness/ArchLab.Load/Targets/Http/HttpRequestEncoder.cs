using System.Text;

namespace ArchLab.Load.Targets.Http;

/// <summary>
/// Encodes the request line and headers once; per request only the Content-Length digits and the body change.
/// </summary>
internal sealed class HttpRequestEncoder
{
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    private readonly byte[] _prefix;

    public HttpRequestEncoder(HttpTargetOptions options)
    {
        var url = options.Url;
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Only http:// URLs are supported, not {url}.", nameof(options));
        }

        var head = new StringBuilder()
            .Append("POST ").Append(url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(url.Authority).Append("\r\n")
            .Append("Content-Type: ").Append(options.ContentType).Append("\r\n");
        foreach (var (name, value) in options.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("Content-Length: ");
        _prefix = Encoding.ASCII.GetBytes(head.ToString());
    }

    /// <summary>Largest head: the fixed prefix, 20 digits and the blank line.</summary>
    public int MaxHeadLength => _prefix.Length + 20 + EndOfHead.Length;

    /// <summary>Writes the head for a body of <paramref name="bodyLength"/> bytes; returns its length.</summary>
    public int WriteHead(Span<byte> destination, int bodyLength)
    {
        _prefix.CopyTo(destination);
        var used = _prefix.Length;
        bodyLength.TryFormat(destination[used..], out var digits);
        used += digits;
        EndOfHead.CopyTo(destination[used..]);
        return used + EndOfHead.Length;
    }
}
