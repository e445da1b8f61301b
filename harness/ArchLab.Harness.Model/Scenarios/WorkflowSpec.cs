using ArchLab.Contracts.Workflow;

namespace ArchLab.Harness.Model.Scenarios;

/// <summary>The place-order workflow's parameters.</summary>
/// <param name="Payload">Size of the order body the caller sends. Default: 256B.</param>
/// <param name="Steps">Cost model per role (<c>edge</c>, <c>inventory</c>, <c>payment</c>, <c>notify</c>); a role not listed costs nothing.</param>
public sealed record WorkflowSpec(ByteSize Payload, IReadOnlyDictionary<string, StepCost> Steps)
{
    /// <summary>Fan-out receivers of the last step (<c>notify.1</c> .. <c>notify.N</c>, one process each). Default: 1 (<c>notify</c>).</summary>
    public int Receivers { get; init; } = 1;

    /// <summary>The payload when the scenario sets none: 256B.</summary>
    public static ByteSize DefaultPayload { get; } = new(256);

    /// <summary>A 256B payload and no step costs: the workflow of a scenario without <c>workflow:</c>.</summary>
    public static WorkflowSpec Default { get; } = new(DefaultPayload, new Dictionary<string, StepCost>());

    /// <summary>The cost of a role, <see cref="StepCost.Free"/> when the scenario does not list it; every receiver costs what <c>notify</c> does.</summary>
    public StepCost CostOf(string role) =>
        Steps.TryGetValue(Roles.IsReceiver(role) ? Roles.Notify : role, out var cost) ? cost : StepCost.Free;
}
