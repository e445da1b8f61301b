using System.Text;

namespace ArchLab.Load.Targets.Http;

/// <summary>
/// Encodes the request line and headers once; per request only the Content-Length digits, the body and the one
/// per-request header (when the target has one) change.
/// </summary>
internal sealed class HttpRequestEncoder
{
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> ContentLength => "Content-Length: "u8;

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

        _prefix = Encoding.ASCII.GetBytes(head.ToString());
        _seqHeader = options.PerRequestHeader;
        _seqHeaderName = _seqHeader is null ? [] : Encoding.ASCII.GetBytes(_seqHeader.Name + ": ");
    }

    private readonly SeqHeader? _seqHeader;
    private readonly byte[] _seqHeaderName;

    /// <summary>The per-request header's value for request <paramref name="seq"/>; null when the target has none.</summary>
    public string? SeqHeaderValue(long seq) => _seqHeader?.Value(seq);

    /// <summary>Largest head: the fixed prefix, the per-request header of this length, 20 digits and the blank line.</summary>
    public int MaxHeadLength(int seqHeaderLength) =>
        _prefix.Length + (_seqHeader is null ? 0 : _seqHeaderName.Length + seqHeaderLength + 2) + ContentLength.Length + 20 + EndOfHead.Length;

    /// <summary>Writes the head for a body of <paramref name="bodyLength"/> bytes; returns its length.</summary>
    public int WriteHead(Span<byte> destination, int bodyLength, string? seqHeaderValue = null)
    {
        _prefix.CopyTo(destination);
        var used = _prefix.Length;
        if (_seqHeader is not null && seqHeaderValue is not null)
        {
            _seqHeaderName.CopyTo(destination[used..]);
            used += _seqHeaderName.Length;
            used += Encoding.ASCII.GetBytes(seqHeaderValue, destination[used..]);
            "\r\n"u8.CopyTo(destination[used..]);
            used += 2;
        }

        ContentLength.CopyTo(destination[used..]);
        used += ContentLength.Length;
        bodyLength.TryFormat(destination[used..], out var digits);
        used += digits;
        EndOfHead.CopyTo(destination[used..]);
        return used + EndOfHead.Length;
    }
}
