using System.Text;
using ArchLab.Load.Targets.Http;

namespace ArchLab.Unit.Tests.Load;

public class HttpResponseParserTests
{
    private const string Chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n" +
        "5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\nTrailer: x\r\n\r\n";

    [Theory]
    [InlineData("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n", 202, true)]
    [InlineData("HTTP/1.1 400 Bad Request\r\ncontent-length: 5\r\nConnection: close\r\n\r\n{...}", 400, false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, false)]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 204, true)]
    [InlineData(Chunked, 200, true)]
    public void Whole_answers_parse_in_one_feed_or_byte_by_byte(string answer, int status, bool reusable)
    {
        var bytes = Encoding.ASCII.GetBytes(answer);

        var whole = new HttpResponseParser();
        Assert.Equal(bytes.Length, whole.Feed(bytes));
        Assert.True(whole.IsComplete);
        Assert.Equal(status, whole.Head.Status);
        Assert.Equal(reusable, whole.Reusable);

        // Bytes arriving one at a time: the caller keeps what was not consumed and adds the next byte.
        var parser = new HttpResponseParser();
        var buffered = new List<byte>();
        foreach (var b in bytes)
        {
            buffered.Add(b);
            var used = parser.Feed(buffered.ToArray());
            buffered.RemoveRange(0, used);
        }

        Assert.True(parser.IsComplete);
        Assert.Empty(buffered);
        Assert.Equal(status, parser.Head.Status);
    }

    [Fact]
    public void A_body_framed_by_the_close_ends_when_the_peer_closes()
    {
        var parser = new HttpResponseParser();
        parser.Feed("HTTP/1.1 200 OK\r\n\r\nsome body"u8);
        Assert.False(parser.IsComplete);

        parser.PeerClosed();

        Assert.True(parser.IsComplete);
        Assert.False(parser.Reusable);
    }

    [Fact]
    public void A_close_before_the_end_of_a_framed_body_fails()
    {
        var parser = new HttpResponseParser();
        parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"u8);

        Assert.Throws<IOException>(parser.PeerClosed);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    public void Garbage_is_rejected(string answer) =>
        Assert.Throws<InvalidDataException>(() => new HttpResponseParser().Feed(Encoding.ASCII.GetBytes(answer)));
}
