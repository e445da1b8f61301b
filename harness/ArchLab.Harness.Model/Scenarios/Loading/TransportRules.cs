namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>What a scenario with transport arms cannot have: a transport arm has no roles, links or steps to fault.</summary>
internal static class TransportRules
{
    public static void Check(IReadOnlyList<ArmSpec> arms, Fields scenario, Problems problems)
    {
        var transports = arms.Where(a => a.Transport is not null).Select(a => a.Name).ToList();
        if (transports.Count > 0 && scenario.Value("faults") is { } faults && faults is YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: > 0 })
        {
            problems.At(faults, "faults", $"expected no faults: transport arms ({string.Join(", ", transports)}) have no roles, links or steps to fault; put them in a scenario of their own");
        }
    }
}
