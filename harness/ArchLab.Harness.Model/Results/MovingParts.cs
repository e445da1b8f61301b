namespace ArchLab.Harness.Model.Results;

/// <summary>
/// What an arm needed running and configured, read off the arm while it ran rather than written down: the more parts,
/// the more there is to deploy, watch and get wrong. Null for a simulated arm (it has no parts) and a transport arm.
/// </summary>
/// <param name="Processes">Operating-system processes the arm ran: one per role process (one for <c>inproc</c>), and the broker.</param>
/// <param name="ListeningPorts">TCP ports those processes listened on, read from the kernel's socket tables.</param>
/// <param name="Broker">The broker's objects the services used; null for a style without a broker.</param>
/// <param name="ConfigKeys">
/// Keys set to make the arm work: each process's settings that differ from their defaults (its port, endpoints,
/// timeouts, retries, the broker's address), and the fields of its stream and consumers that differ from theirs.
/// The lab's own instruments (the step's simulated cost, its seed, the ledger) are not counted.
/// </param>
/// <param name="CodeLines">Non-blank lines of the style's own code under services/ (its folder of Styles/ and what it shares with its family), counted when the harness was built.</param>
/// <param name="FailureClasses">What went wrong in this run, as the ledger and the caller saw it: delivery classes other than ok with a count, and error kinds.</param>
public sealed record MovingParts(
    int Processes,
    int ListeningPorts,
    BrokerObjects? Broker,
    int ConfigKeys,
    int CodeLines,
    IReadOnlyList<string> FailureClasses)
{
    /// <summary>What went wrong in an arm's run: the delivery classes other than ok that counted, then the kinds of error.</summary>
    public static IReadOnlyList<string> ClassesOf(DeliveryCounts? delivery, IReadOnlyDictionary<string, long> errorsByKind)
    {
        var classes = new List<string>();
        if (delivery is { } d)
        {
            foreach (var (name, count) in new (string, long?)[]
                     {
                         ("lost", d.Lost), ("duplicated", d.Duplicated), ("unexpected", d.Unexpected), ("expired", d.Expired),
                         ("deadLettered", d.DeadLettered), ("pending", d.Pending), ("partialEffects", d.PartialEffects),
                     })
            {
                if (count > 0)
                {
                    classes.Add(name);
                }
            }
        }

        classes.AddRange(errorsByKind.Where(e => e.Value > 0).Select(e => e.Key).Order(StringComparer.Ordinal));
        return classes;
    }
}

/// <summary>The broker objects an arm used, read from the broker's monitoring endpoint.</summary>
/// <param name="Streams">JetStream streams.</param>
/// <param name="Consumers">JetStream consumers.</param>
/// <param name="Subjects">Distinct subjects the services subscribed to (the broker's own API and reply inboxes left out).</param>
public sealed record BrokerObjects(int Streams, int Consumers, int Subjects);
