namespace ArchLab.Load.Targets.Http;

/// <summary>One keep-alive HTTP/1.1 connection that carries one request at a time.</summary>
internal interface IHttpConnection : IDisposable
{
    /// <summary>Claims an idle connection for the next request. False once the peer closed it (or wrote unasked)
    /// while it sat idle: the pool drops it rather than fail the next request for a reason not the request's.</summary>
    bool TryReserve();

    /// <summary>Whether the last exchange left the connection fit for another request.</summary>
    bool Reusable { get; }

    /// <summary>The connection's own request buffer.</summary>
    RequestBuffer Request { get; }

    /// <summary>Connects if needed, sends the request, reads the whole answer. Never throws: every failure is an
    /// outcome (refused, timeout when <paramref name="cancellationToken"/> fires, failed).</summary>
    ValueTask<CallOutcome> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken);
}
