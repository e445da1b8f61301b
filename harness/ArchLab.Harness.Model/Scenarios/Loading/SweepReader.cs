using ArchLab.Contracts.Workflow;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>Reads <c>sweep:</c>, the one parameter every arm runs at several values: <c>{ receivers: [1, 2, 4, 8, 16] }</c>.</summary>
internal static class SweepReader
{
    private static readonly string[] Known = [SweepSpec.Receivers];

    public static SweepSpec? Read(Fields scenario, Problems problems)
    {
        if (!scenario.Has("sweep"))
        {
            return null;
        }

        var fields = Fields.Of(scenario.Value("sweep"), "sweep", problems, Known, "a swept parameter such as { receivers: [1, 2, 4, 8, 16] }");
        if (fields is null || fields.Required(SweepSpec.Receivers) is null)
        {
            return null;
        }

        if (scenario.Value("workflow") is YamlMappingNode workflow && workflow.Children.ContainsKey(new YamlScalarNode(SweepSpec.Receivers)))
        {
            scenario.NotHere("sweep", "sets the receivers of every run; leave workflow.receivers out");
            return null;
        }

        var values = fields.IntegerList(SweepSpec.Receivers, 1, Roles.MaxReceivers, "[1, 2, 4, 8, 16]");
        return values is null ? null : new SweepSpec(SweepSpec.Receivers, values);
    }
}
