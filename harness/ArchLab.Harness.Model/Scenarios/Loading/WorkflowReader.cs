using ArchLab.Contracts.Workflow;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>Reads <c>workflow:</c>: the payload size, the fan-out receivers and the cost model of each role.</summary>
internal static class WorkflowReader
{
    private static readonly string[] Known = ["payload", "receivers", "steps"];
    private static readonly string[] StepKnown = ["time", "workers", "mode", "tail"];
    private static readonly string[] TailKnown = ["p", "extra"];
    private static readonly string[] Modes = ["wait", "cpu"];

    public static WorkflowSpec Read(YamlNode? node, Problems problems)
    {
        var fields = Fields.Of(node, "workflow", problems, Known, "a workflow mapping { payload, receivers, steps }");
        if (fields is null)
        {
            return WorkflowSpec.Default;
        }

        var payload = fields.Size("payload") ?? WorkflowSpec.DefaultPayload;
        var receivers = fields.Integer("receivers", min: 1) ?? 1;
        if (receivers > Roles.MaxReceivers)
        {
            fields.Wrong("receivers", $"expected at most {Roles.MaxReceivers} receivers, got {receivers}");
        }

        var costs = ReadSteps(fields.Value("steps"), "workflow.steps", problems) ?? new ValueMap<StepCost>([]);
        return new WorkflowSpec(payload, costs) { Receivers = Math.Min(receivers, Roles.MaxReceivers) };
    }

    /// <summary>A mapping of role to step cost: the workflow's <c>steps</c>, or an arm's own.</summary>
    public static ValueMap<StepCost>? ReadSteps(YamlNode? node, string path, Problems problems)
    {
        var steps = Fields.Of(node, path, problems, Roles.All, "a mapping of role to step cost", noun: "step");
        if (steps is null)
        {
            return null;
        }

        return new ValueMap<StepCost>(steps.Names.Select(role => KeyValuePair.Create(role, ReadStep(steps.Value(role)!, steps.PathOf(role), problems))).ToList());
    }

    private static StepCost ReadStep(YamlNode node, string path, Problems problems)
    {
        var fields = Fields.Of(node, path, problems, StepKnown, "a step mapping such as { time: exp(2ms), workers: 8, mode: wait, tail: { p: 2%, extra: 50ms } }");
        if (fields is null)
        {
            return StepCost.Free;
        }

        var time = fields.ServiceTime("time") ?? ServiceTime.Zero;
        var workers = fields.Integer("workers", min: 0) ?? 0;
        var mode = fields.Choice("mode", Modes) == "cpu" ? CostMode.Cpu : CostMode.Wait;
        return new StepCost(time, mode, workers) { Tail = ReadTail(fields, problems) };
    }

    private static SlowTail? ReadTail(Fields step, Problems problems)
    {
        if (!step.Has("tail"))
        {
            return null;
        }

        var fields = Fields.Of(step.Value("tail"), step.PathOf("tail"), problems, TailKnown, "a slow tail such as { p: 2%, extra: 50ms }");
        if (fields is null)
        {
            return null;
        }

        var p = fields.Required("p") is null ? null : fields.PositiveFraction("p");
        var extra = fields.Required("extra") is null ? null : fields.Duration("extra", positive: true);
        return p is { } probability && extra is { } time ? new SlowTail(probability, time) : null;
    }
}
