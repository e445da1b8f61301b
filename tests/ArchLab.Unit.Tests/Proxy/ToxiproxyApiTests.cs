using System.Net;
using System.Text;
using System.Text.Json;
using ArchLab.Proxy;
using ArchLab.Proxy.Api;

namespace ArchLab.Unit.Tests.Proxy;

/// <summary>The HTTP API route by route: Toxiproxy's paths, status codes and JSON shapes.</summary>
public sealed class ToxiproxyApiTests : IAsyncLifetime
{
    private FaultProxy _faults = null!;
    private ProxyApiServer _server = null!;
    private HttpClient _http = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _faults = new FaultProxy(new FaultProxyOptions { Seed = 31 });
        _server = await ProxyApiServer.StartAsync(_faults, new ProxyApiOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) }, Token);
        _http = new HttpClient { BaseAddress = _server.Url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _faults.DisposeAsync();
    }

    [Fact]
    public async Task Version_answers_json()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/version");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ToxiproxyApi.Version, body.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Creating_a_proxy_answers_201_with_its_actual_port_and_409_the_second_time()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/proxies", """{"name": "db", "upstream": "127.0.0.1:5432"}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(["name", "listen", "upstream", "enabled", "toxics"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("db", body.GetProperty("name").GetString());
        Assert.Equal($"127.0.0.1:{_faults.GetProxy("db").ListenEndpoint.Port}", body.GetProperty("listen").GetString());
        Assert.Equal("127.0.0.1:5432", body.GetProperty("upstream").GetString());
        Assert.True(body.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, body.GetProperty("toxics").GetArrayLength());

        await AssertErrorAsync(HttpMethod.Post, "/proxies", """{"name": "db", "upstream": "127.0.0.1:5432"}""", 409, "proxy already exists");
    }

    [Theory]
    [InlineData("""{"name": "x", "upstream": """, "bad request body")]
    [InlineData("", "bad request body")]
    [InlineData("""{"upstream": "127.0.0.1:1"}""", "missing required field: name")]
    [InlineData("""{"name": "x"}""", "missing required field: upstream")]
    [InlineData("""{"name": "x", "upstream": "127.0.0.1:1", "listen": "0.0.0.0:0"}""", "listen must be a loopback address")]
    [InlineData("""{"name": "x", "upstream": "nowhere"}""", "upstream must be host:port")]
    [InlineData("""{"name": 5, "upstream": "127.0.0.1:1"}""", "bad request body: name must be a string")]
    public async Task A_bad_proxy_body_answers_400_with_the_reason(string body, string reason) =>
        await AssertErrorAsync(HttpMethod.Post, "/proxies", body, 400, reason);

    [Fact]
    public async Task Proxies_list_show_update_and_delete()
    {
        await SendAsync(HttpMethod.Post, "/proxies", """{"name": "a", "upstream": "127.0.0.1:1"}""");
        await SendAsync(HttpMethod.Post, "/proxies", """{"name": "b", "upstream": "127.0.0.1:2", "enabled": false}""");

        var (status, all) = await SendAsync(HttpMethod.Get, "/proxies");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["a", "b"], all.EnumerateObject().Select(p => p.Name).Order());
        Assert.False(all.GetProperty("b").GetProperty("enabled").GetBoolean());

        (status, var one) = await SendAsync(HttpMethod.Get, "/proxies/a");
        Assert.Equal((HttpStatusCode.OK, "a"), (status, one.GetProperty("name").GetString()));
        await AssertErrorAsync(HttpMethod.Get, "/proxies/nope", null, 404, "proxy not found");

        var listen = one.GetProperty("listen").GetString();
        (status, one) = await SendAsync(HttpMethod.Post, "/proxies/a", """{"enabled": false}""");
        Assert.Equal((HttpStatusCode.OK, false, listen), (status, one.GetProperty("enabled").GetBoolean(), one.GetProperty("listen").GetString()));
        (status, one) = await SendAsync(HttpMethod.Patch, "/proxies/a", """{"enabled": true, "upstream": "127.0.0.1:3"}""");
        Assert.Equal((HttpStatusCode.OK, true, "127.0.0.1:3"), (status, one.GetProperty("enabled").GetBoolean(), one.GetProperty("upstream").GetString()));
        await AssertErrorAsync(HttpMethod.Patch, "/proxies/nope", """{"enabled": true}""", 404, "proxy not found");
        await AssertErrorAsync(HttpMethod.Patch, "/proxies/a", "{", 400, "bad request body");

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "/proxies/a")).Status);
        await AssertErrorAsync(HttpMethod.Delete, "/proxies/a", null, 404, "proxy not found");
    }

    [Fact]
    public async Task Toxics_create_show_update_list_and_delete()
    {
        await SendAsync(HttpMethod.Post, "/proxies", """{"name": "p", "upstream": "127.0.0.1:1"}""");

        var (status, toxic) = await SendAsync(HttpMethod.Post, "/proxies/p/toxics", """{"type": "latency", "attributes": {"latency": 100}}""");
        Assert.Equal(HttpStatusCode.OK, status); // 200, not 201, as in Toxiproxy
        Assert.Equal(["attributes", "name", "type", "stream", "toxicity"], toxic.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"latency":100,"jitter":0}""", toxic.GetProperty("attributes").GetRawText());
        Assert.Equal(("latency_downstream", "latency", "downstream", 1.0), (toxic.GetProperty("name").GetString(),
            toxic.GetProperty("type").GetString(), toxic.GetProperty("stream").GetString(), toxic.GetProperty("toxicity").GetDouble()));

        await AssertErrorAsync(HttpMethod.Post, "/proxies/p/toxics", """{"type": "latency"}""", 409, "toxic already exists");
        await AssertErrorAsync(HttpMethod.Post, "/proxies/nope/toxics", """{"type": "latency"}""", 404, "proxy not found");

        (status, toxic) = await SendAsync(HttpMethod.Post, "/proxies/p/toxics",
            """{"name": "cut", "type": "limit_data", "stream": "upstream", "toxicity": 0.5, "attributes": {"bytes": 10}}""");
        Assert.Equal((HttpStatusCode.OK, "upstream", 0.5), (status, toxic.GetProperty("stream").GetString(), toxic.GetProperty("toxicity").GetDouble()));

        (status, var list) = await SendAsync(HttpMethod.Get, "/proxies/p/toxics");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["cut", "latency_downstream"], list.EnumerateArray().Select(t => t.GetProperty("name").GetString())); // upstream first
        (_, var proxy) = await SendAsync(HttpMethod.Get, "/proxies/p");
        Assert.Equal(2, proxy.GetProperty("toxics").GetArrayLength());

        (status, toxic) = await SendAsync(HttpMethod.Get, "/proxies/p/toxics/cut");
        Assert.Equal((HttpStatusCode.OK, 10), (status, toxic.GetProperty("attributes").GetProperty("bytes").GetInt32()));
        await AssertErrorAsync(HttpMethod.Get, "/proxies/p/toxics/nope", null, 404, "toxic not found");

        (status, toxic) = await SendAsync(HttpMethod.Post, "/proxies/p/toxics/latency_downstream", """{"attributes": {"jitter": 10}}""");
        Assert.Equal((HttpStatusCode.OK, """{"latency":100,"jitter":10}"""), (status, toxic.GetProperty("attributes").GetRawText()));
        (status, toxic) = await SendAsync(HttpMethod.Patch, "/proxies/p/toxics/latency_downstream", """{"toxicity": 0.25}""");
        Assert.Equal((HttpStatusCode.OK, 0.25, 100), (status, toxic.GetProperty("toxicity").GetDouble(),
            toxic.GetProperty("attributes").GetProperty("latency").GetInt32()));
        await AssertErrorAsync(HttpMethod.Patch, "/proxies/p/toxics/nope", """{"toxicity": 1}""", 404, "toxic not found");
        await AssertErrorAsync(HttpMethod.Patch, "/proxies/p/toxics/latency_downstream", """{"toxicity": 3}""", 400, "toxicity must be between 0 and 1");

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "/proxies/p/toxics/cut")).Status);
        await AssertErrorAsync(HttpMethod.Delete, "/proxies/p/toxics/cut", null, 404, "toxic not found");
    }

    [Theory]
    [InlineData("""{"type": "nope"}""", "invalid toxic type")]
    [InlineData("""{"stream": "sideways", "type": "latency"}""", "stream was invalid, can be either upstream or downstream")]
    [InlineData("""{"type": "latency", "toxicity": 1.5}""", "toxicity must be between 0 and 1")]
    [InlineData("""{"type": "latency", "attributes": {"latency": -1}}""", "latency must not be negative")]
    [InlineData("""{"type": "latency", "attributes": {"latency": "slow"}}""", "bad request body: latency must be an integer")]
    [InlineData("""{"type": "slicer", "attributes": {"average_size": 10, "size_variation": 20}}""", "size_variation must be less than average_size")]
    [InlineData("""[1]""", "bad request body")]
    public async Task A_bad_toxic_body_answers_400_with_the_reason(string body, string reason)
    {
        await SendAsync(HttpMethod.Post, "/proxies", """{"name": "p", "upstream": "127.0.0.1:1"}""");

        await AssertErrorAsync(HttpMethod.Post, "/proxies/p/toxics", body, 400, reason);
    }

    [Fact]
    public async Task Every_toxic_type_round_trips_its_attributes()
    {
        await SendAsync(HttpMethod.Post, "/proxies", """{"name": "p", "upstream": "127.0.0.1:1"}""");
        string[] toxics =
        [
            """{"latency":100,"jitter":5}""", """{"rate":64}""", """{"delay":50}""", """{"timeout":0}""",
            """{"timeout":20}""", """{"average_size":100,"size_variation":10,"delay":30}""", """{"bytes":1000}""",
        ];
        string[] types = ["latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data"];

        foreach (var (type, attributes) in types.Zip(toxics))
        {
            var (status, toxic) = await SendAsync(HttpMethod.Post, "/proxies/p/toxics", $$"""{"type": "{{type}}", "attributes": {{attributes}}}""");
            Assert.Equal((HttpStatusCode.OK, attributes), (status, toxic.GetProperty("attributes").GetRawText()));
        }
    }

    [Fact]
    public async Task Populate_answers_201_with_the_proxies_or_the_error_and_changes_nothing_on_an_error()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/populate",
            """[{"name": "one", "upstream": "127.0.0.1:1"}, {"name": "two", "upstream": "127.0.0.1:2", "enabled": false}]""");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(["one", "two"], body.GetProperty("proxies").EnumerateArray().Select(p => p.GetProperty("name").GetString()));

        (status, body) = await SendAsync(HttpMethod.Post, "/populate",
            """[{"name": "three", "upstream": "127.0.0.1:3"}, {"name": "four"}]""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("missing required field: upstream at proxy 2", body.GetProperty("error").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("proxies").ValueKind);
        Assert.False(_faults.TryGetProxy("three", out _));
    }

    [Fact]
    public async Task Reset_answers_204_and_clears_toxics()
    {
        await SendAsync(HttpMethod.Post, "/proxies", """{"name": "p", "upstream": "127.0.0.1:1", "enabled": false}""");
        await SendAsync(HttpMethod.Post, "/proxies/p/toxics", """{"type": "timeout"}""");

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, "/reset")).Status);

        var (_, proxy) = await SendAsync(HttpMethod.Get, "/proxies/p");
        Assert.True(proxy.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, proxy.GetProperty("toxics").GetArrayLength());
    }

    [Fact]
    public async Task Browsers_are_refused_and_wrong_methods_answer_405()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/proxies");
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0");
        using var browser = await _http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Forbidden, browser.StatusCode);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await SendAsync(HttpMethod.Put, "/proxies")).Status);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    private async Task AssertErrorAsync(HttpMethod method, string path, string? body, int status, string reason)
    {
        var (code, json) = await SendAsync(method, path, body);
        Assert.Equal(status, (int)code);
        Assert.Equal(["error", "status"], json.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith(reason, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(status, json.GetProperty("status").GetInt32());
    }
}
