using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// The definitions a node loads at boot: the default user and host, and a virtual host per arm, so that each arm's
/// queues, exchanges and counters are its own on a node the run shares, with no <c>rabbitmqctl add_vhost</c> (an
/// Erlang VM start, about a second) per arm. A node with definitions creates no default user of its own: guest is
/// defined here, and RabbitMQ still allows it from loopback only.
/// </summary>
public static class RabbitDefinitions
{
    public const string User = "guest";

    public static string Json(IEnumerable<string> virtualHosts)
    {
        var hosts = virtualHosts.Prepend("/").Distinct(StringComparer.Ordinal).ToList();
        var definitions = new JsonObject
        {
            ["users"] = new JsonArray(new JsonObject { ["name"] = User, ["password"] = User, ["tags"] = "administrator" }),
            ["vhosts"] = new JsonArray([.. hosts.Select(h => (JsonNode)new JsonObject { ["name"] = h })]),
            ["permissions"] = new JsonArray([.. hosts.Select(h => (JsonNode)new JsonObject
            {
                ["user"] = User, ["vhost"] = h, ["configure"] = ".*", ["write"] = ".*", ["read"] = ".*",
            })]),
        };
        return definitions.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
