namespace ArchLab.Load.Targets.Http;

/// <summary>A connection's reusable buffer holding one encoded request: the head, then the body.</summary>
internal sealed class RequestBuffer
{
    private byte[] _bytes = new byte[4096];

    public ReadOnlyMemory<byte> Encode(HttpRequestEncoder encoder, ReadOnlySpan<byte> body, string? seqHeaderValue = null)
    {
        var size = encoder.MaxHeadLength(seqHeaderValue?.Length ?? 0) + body.Length;
        if (size > _bytes.Length)
        {
            _bytes = new byte[Math.Max(size, _bytes.Length * 2)];
        }

        var head = encoder.WriteHead(_bytes, body.Length, seqHeaderValue);
        body.CopyTo(_bytes.AsSpan(head));
        return _bytes.AsMemory(0, head + body.Length);
    }
}
