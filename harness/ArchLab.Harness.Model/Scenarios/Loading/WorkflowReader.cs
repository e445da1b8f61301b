using ArchLab.Contracts.Workflow;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>Reads <c>workflow:</c>: the payload size and the cost model of each role.</summary>
internal static class WorkflowReader
{
    private static readonly string[] Known = ["payload", "steps"];
    private static readonly string[] StepKnown = ["time", "workers", "mode"];
    private static readonly string[] Modes = ["wait", "cpu"];

    public static WorkflowSpec Read(YamlNode? node, Problems problems)
    {
        var fields = Fields.Of(node, "workflow", problems, Known, "a workflow mapping { payload, steps }");
        if (fields is null)
        {
            return WorkflowSpec.Default;
        }

        var payload = fields.Size("payload") ?? WorkflowSpec.DefaultPayload;
        var steps = Fields.Of(fields.Value("steps"), "workflow.steps", problems, Roles.All, "a mapping of role to step cost", noun: "step");
        var costs = new List<KeyValuePair<string, StepCost>>();
        foreach (var role in steps?.Names ?? [])
        {
            costs.Add(new(role, ReadStep(steps!.Value(role)!, steps.PathOf(role), problems)));
        }

        return new WorkflowSpec(payload, new ValueMap<StepCost>(costs));
    }

    private static StepCost ReadStep(YamlNode node, string path, Problems problems)
    {
        var fields = Fields.Of(node, path, problems, StepKnown, "a step mapping such as { time: exp(2ms), workers: 8, mode: wait }");
        if (fields is null)
        {
            return StepCost.Free;
        }

        var time = fields.ServiceTime("time") ?? ServiceTime.Zero;
        var workers = fields.Integer("workers", min: 0) ?? 0;
        var mode = fields.Choice("mode", Modes) == "cpu" ? CostMode.Cpu : CostMode.Wait;
        return new StepCost(time, mode, workers);
    }
}
