using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ArchLab.Harness.Broker;

/// <summary>Asks whether a Docker engine answers (<c>GET /_ping</c> on DOCKER_HOST or /var/run/docker.sock).</summary>
public static class DockerProbe
{
    /// <summary>Null when an engine answered; otherwise why not, in words for a user.</summary>
    public static async Task<string?> WhyUnavailableAsync(CancellationToken cancellationToken = default)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        EndPoint endpoint;
        if (string.IsNullOrEmpty(host) || host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host["unix://".Length..];
            if (!File.Exists(path))
            {
                return $"no Docker engine: {path} does not exist";
            }

            endpoint = new UnixDomainSocketEndPoint(path);
        }
        else if (Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Scheme == "tcp")
        {
            endpoint = new DnsEndPoint(uri.Host, uri.Port);
        }
        else
        {
            return $"DOCKER_HOST '{host}' is neither unix:// nor tcp://";
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, endpoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
            await socket.ConnectAsync(endpoint, timeout.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"), timeout.Token);
            var buffer = new byte[512];
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("HTTP/1.", StringComparison.Ordinal) && answer.Contains(" 200 ", StringComparison.Ordinal)
                ? null
                : $"the Docker endpoint answered '{answer.Split('\r')[0]}'";
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return $"no Docker engine answers at {host ?? "/var/run/docker.sock"}: {e.Message}";
        }
    }
}
