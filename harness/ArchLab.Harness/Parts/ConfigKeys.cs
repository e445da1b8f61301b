using System.Text.Json;
using System.Text.Json.Nodes;
using ArchLab.Contracts.Hosting;

namespace ArchLab.Harness.Parts;

/// <summary>
/// How many settings a configuration sets: the leaves of its JSON (a list of plain values is one setting, a list of
/// objects each of theirs) that differ from the same configuration left at its defaults.
/// </summary>
public static class ConfigKeys
{
    /// <summary>The lab's own instruments, which no deployment of the style would set: the step's simulated cost, its seed, the ledger, the leash to the harness.</summary>
    private static readonly HashSet<string> Instruments = new(StringComparer.OrdinalIgnoreCase) { "cost", "seed", "ledgerPath", "exitWhenParentGone", "role", "style" };

    /// <summary>
    /// The settings a role's options file sets beyond its defaults, the lab's instruments left out. An <c>inproc</c>
    /// process's steps are roles of their own, each held to a role's defaults.
    /// </summary>
    public static int Of(ServiceOptions options)
    {
        var own = Differing(Json(options with { InProc = null }), Json(new ServiceOptions { Role = options.Role, Style = options.Style }));
        if (options.InProc is not { } inProc)
        {
            return own;
        }

        var bus = Differing(
            JsonSerializer.SerializeToNode(inProc with { Steps = [] }, HostingJsonContext.Default.InProcOptions),
            JsonSerializer.SerializeToNode(new InProcOptions(), HostingJsonContext.Default.InProcOptions));
        return own + bus + inProc.Steps.Sum(Of);
    }

    private static JsonNode? Json(ServiceOptions options) => JsonSerializer.SerializeToNode(options, HostingJsonContext.Default.ServiceOptions);

    /// <summary>Leaves of <paramref name="node"/> not equal to the same place in <paramref name="baseline"/>.</summary>
    public static int Differing(JsonNode? node, JsonNode? baseline)
    {
        switch (node)
        {
            case JsonObject obj:
                var count = 0;
                foreach (var (key, value) in obj)
                {
                    if (!Instruments.Contains(key))
                    {
                        count += Differing(value, (baseline as JsonObject)?[key]);
                    }
                }

                return count;
            case JsonArray array when array.Any(item => item is JsonObject):
                return array.Select((item, i) => Differing(item, baseline is JsonArray b && i < b.Count ? b[i] : null)).Sum();
            case null:
                return 0;
            default:
                return JsonNode.DeepEquals(node, baseline) ? 0 : 1;
        }
    }
}
