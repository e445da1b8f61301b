using System.Net;
using System.Net.Http.Json;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Contracts.Hosting;

/// <summary>
/// Sets and clears the <see cref="StepFaults"/> of a running role through its control endpoint
/// (<c>PUT</c>/<c>DELETE</c> <see cref="StepFaults.Path"/>, loopback only). A gRPC step role listens with
/// HTTP/2 only (cleartext HTTP/2 cannot share a port with HTTP/1.1: there is no ALPN to choose), so its
/// endpoint is reached with HTTP/2 prior knowledge; every other role speaks HTTP/1.1. The request names its role
/// (<c>?role=</c>): a process that runs several roles (<c>inproc</c>) sets the faults of that one, and a process that
/// does not run the role refuses with 404 rather than faulting the wrong step.
/// </summary>
public static class FaultControl
{
    /// <summary>Whether the role of this style listens with HTTP/2 only.</summary>
    public static bool UsesHttp2(string style, string role) => style == Styles.Grpc && role != Roles.Edge;

    /// <summary>Sets the role's faults; they apply from its next execution.</summary>
    /// <param name="client">Any client; the request says its own HTTP version.</param>
    /// <param name="roleAddress">The role's base address, e.g. <c>http://127.0.0.1:41234</c> (the port of its ready line).</param>
    /// <exception cref="HttpRequestException">The role did not answer 204.</exception>
    public static async Task SetAsync(HttpClient client, Uri roleAddress, string style, string role, StepFaults faults, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, roleAddress, style, role);
        request.Content = JsonContent.Create(faults, HostingJsonContext.Default.StepFaults);
        await SendAsync(client, request, cancellationToken);
    }

    /// <summary>Clears the role's faults: back to <see cref="StepFaults.None"/>.</summary>
    public static async Task ClearAsync(HttpClient client, Uri roleAddress, string style, string role, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, roleAddress, style, role);
        await SendAsync(client, request, cancellationToken);
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri roleAddress, string style, string role) =>
        new(method, new Uri(roleAddress, $"{StepFaults.Path}?{StepFaults.RoleQuery}={Uri.EscapeDataString(role)}"))
        {
            Version = UsesHttp2(style, role) ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    private static async Task SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
    }
}
