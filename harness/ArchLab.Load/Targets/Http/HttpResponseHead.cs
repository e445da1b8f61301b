using System.Buffers.Text;
using System.Text;

namespace ArchLab.Load.Targets.Http;

/// <summary>The parts of a response head the load engine needs: the status, how the body is framed, and whether
/// the connection may be reused.</summary>
internal readonly record struct HttpResponseHead(int Status, long ContentLength, bool Chunked, bool KeepAlive)
{
    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>Whether a body follows at all (1xx, 204 and 304 never have one).</summary>
    public bool HasBody => Status >= 200 && Status != 204 && Status != 304;

    /// <summary>
    /// Parses a complete head at the start of <paramref name="data"/>; false when the blank line has not arrived yet.
    /// Throws <see cref="InvalidDataException"/> on a head that is not HTTP/1.x.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out HttpResponseHead head, out int consumed)
    {
        head = default;
        var end = data.IndexOf(EndOfHead);
        if (end < 0)
        {
            consumed = 0;
            return false;
        }

        consumed = end + EndOfHead.Length;
        var lines = data[..(end + 2)];
        var statusLineEnd = lines.IndexOf("\r\n"u8);
        var statusLine = lines[..statusLineEnd];
        // "HTTP/1.1 200 OK": version, a space, three digits.
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var statusDigits) || statusDigits != 3)
        {
            throw new InvalidDataException("Not an HTTP/1.x status line.");
        }

        var keepAlive = statusLine[7] == (byte)'1';
        long contentLength = -1;
        var chunked = false;
        var rest = lines[(statusLineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var lineEnd = rest.IndexOf("\r\n"u8);
            var line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new InvalidDataException("A response header without a name.");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                {
                    throw new InvalidDataException("An invalid Content-Length.");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = EndsWithToken(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                keepAlive = ContainsToken(value, "keep-alive"u8) || (keepAlive && !ContainsToken(value, "close"u8));
            }
        }

        head = new HttpResponseHead(status, chunked ? -1 : contentLength, chunked, keepAlive);
        return true;
    }

    private static bool EndsWithToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        var comma = value.LastIndexOf((byte)',');
        return Ascii.EqualsIgnoreCase(value[(comma + 1)..].Trim(" \t"u8), token);
    }

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }
}
