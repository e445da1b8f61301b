using System.Net;
using System.Net.Sockets;
using ArchLab.Load;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;

namespace ArchLab.Unit.Tests.Load;

public sealed class HttpLoadTargetTests : IAsyncLifetime
{
    private TestHttpServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await TestHttpServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<bool> Transports => [true, false]; // the epoll loop, and .NET's async sockets

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Answers_map_to_outcomes(bool epoll)
    {
        Assert.Equal(CallOutcome.Accepted(200), await SendAsync("/ok", epoll));
        Assert.Equal(CallOutcome.Accepted(202), await SendAsync("/accepted", epoll));
        Assert.Equal(CallOutcome.Rejected(400), await SendAsync("/bad", epoll));
        Assert.Equal(CallOutcome.Rejected(503), await SendAsync("/unavailable", epoll));
        Assert.Equal(CallOutcome.Rejected(404), await SendAsync("/nowhere", epoll));
        Assert.Equal(CallOutcome.Accepted(200), await SendAsync("/chunked", epoll));
        Assert.Equal(CallOutcome.Accepted(200), await SendAsync("/close", epoll));
        Assert.Equal(CallOutcome.Failed, await SendAsync("/abort", epoll));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task One_connection_carries_answers_of_every_framing_one_after_another(bool epoll)
    {
        string[] kinds = ["ok", "chunked", "bad", "accepted", "ok", "close", "chunked", "abort", "unavailable", "ok"];
        var body = kinds.Select(k => (ReadOnlyMemory<byte>)System.Text.Encoding.ASCII.GetBytes(k)).ToArray();
        using var target = new HttpLoadTarget(new HttpTargetOptions { Url = _server.Route("/mixed"), ContentType = "text/plain", Body = seq => body[seq] }, epoll);
        var before = _server.Connections;

        var outcomes = new List<CallOutcome>();
        for (var seq = 0; seq < kinds.Length; seq++)
        {
            outcomes.Add(await target.SendAsync(seq, TestContext.Current.CancellationToken));
        }

        Assert.Equal(
            [
                CallOutcome.Accepted(200), CallOutcome.Accepted(200), CallOutcome.Rejected(400), CallOutcome.Accepted(202),
                CallOutcome.Accepted(200), CallOutcome.Accepted(200), CallOutcome.Accepted(200), CallOutcome.Failed,
                CallOutcome.Rejected(503), CallOutcome.Accepted(200),
            ],
            outcomes);
        // Kept alive throughout, except after the server's close and its abort.
        Assert.Equal(3, _server.Connections - before);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Bodies_are_sent_whole_with_their_content_type(bool epoll)
    {
        var body = new byte[200_000];
        foreach (var size in new[] { 0, 1, 1000, 200_000 })
        {
            var options = new HttpTargetOptions { Url = _server.Route($"/length/{size}"), Body = _ => body.AsMemory(0, size) };
            using var target = new HttpLoadTarget(options, epoll);
            Assert.Equal(CallOutcome.Accepted(200), await target.SendAsync(0, TestContext.Current.CancellationToken));
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_per_request_header_carries_each_request_s_own_value_on_one_kept_alive_connection(bool epoll)
    {
        // Values of different lengths: the head is rewritten for each request, the fixed headers around it intact.
        static string ValueOf(long seq) => $"00-{new string('a', 31)}{seq % 10}-{seq:x16}-01{new string('x', (int)seq)}";
        var options = new HttpTargetOptions
        {
            Url = _server.Route("/header/traceparent"),
            ContentType = "text/plain",
            Headers = [new("X-Run", "r1")],
            Body = seq => System.Text.Encoding.ASCII.GetBytes(ValueOf(seq)),
            PerRequestHeader = new SeqHeader("traceparent", ValueOf),
        };
        using var target = new HttpLoadTarget(options, epoll);

        for (var seq = 0; seq < 5; seq++)
        {
            Assert.Equal(CallOutcome.Accepted(200), await target.SendAsync(seq, TestContext.Current.CancellationToken));
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task No_listener_is_refused(bool epoll)
    {
        using var target = new HttpLoadTarget(new HttpTargetOptions { Url = new Uri($"http://127.0.0.1:{UnusedPort()}/ok") }, epoll);

        Assert.Equal(CallOutcome.Refused, await target.SendAsync(0, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Cancellation_is_a_timeout(bool epoll)
    {
        using var target = new HttpLoadTarget(new HttpTargetOptions { Url = _server.Route("/slow") }, epoll);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(200));

        Assert.Equal(CallOutcome.Timeout, await target.SendAsync(0, timeout.Token));
    }

    [Fact]
    public async Task HttpClient_target_maps_answers_the_same_way()
    {
        async Task<CallOutcome> Send(Uri url, CancellationToken cancellationToken)
        {
            using var target = new HttpClientLoadTarget(new HttpTargetOptions { Url = url });
            return await target.SendAsync(0, cancellationToken);
        }

        var token = TestContext.Current.CancellationToken;
        Assert.Equal(CallOutcome.Accepted(200), await Send(_server.Route("/chunked"), token));
        Assert.Equal(CallOutcome.Accepted(202), await Send(_server.Route("/accepted"), token));
        Assert.Equal(CallOutcome.Rejected(400), await Send(_server.Route("/bad"), token));
        Assert.Equal(CallOutcome.Failed, await Send(_server.Route("/abort"), token));
        Assert.Equal(CallOutcome.Refused, await Send(new Uri($"http://127.0.0.1:{UnusedPort()}/ok"), token));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(200));
        Assert.Equal(CallOutcome.Timeout, await Send(_server.Route("/slow"), timeout.Token));
    }

    [Fact]
    public async Task The_closed_model_engine_drives_a_real_endpoint()
    {
        using var target = new HttpLoadTarget(new HttpTargetOptions { Url = _server.Route("/accepted") });
        var options = new LoadOptions { Model = LoadModel.Closed, Users = 4, Warmup = TimeSpan.FromSeconds(0.2), Duration = TimeSpan.FromSeconds(1) };

        var report = await new LoadEngine(options, target).RunAsync(null, TestContext.Current.CancellationToken);

        Assert.True(report.Counts.Accepted > 50, $"only {report.Counts.Accepted} accepted");
        Assert.Equal(0, report.Counts.Errors);
    }

    [Fact]
    public async Task The_open_model_engine_counts_rejections_by_status()
    {
        using var target = new HttpLoadTarget(new HttpTargetOptions { Url = _server.Route("/unavailable") });
        var options = new LoadOptions { RatePerSec = 100, Warmup = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(1) };

        var report = await new LoadEngine(options, target).RunAsync(null, TestContext.Current.CancellationToken);

        Assert.Equal(100, report.Counts.Errors);
        Assert.Equal(100, report.ErrorsByKind["status_503"]);
        Assert.Null(report.Accept);
    }

    private async Task<CallOutcome> SendAsync(string path, bool epoll)
    {
        using var target = new HttpLoadTarget(new HttpTargetOptions { Url = _server.Route(path) }, epoll);
        return await target.SendAsync(0, TestContext.Current.CancellationToken);
    }

    private static int UnusedPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port; // closed on return: nobody listens there
    }
}
