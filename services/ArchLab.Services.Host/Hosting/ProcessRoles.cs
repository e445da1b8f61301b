using ArchLab.Contracts.Hosting;
using ArchLab.Services.Core.Steps;

namespace ArchLab.Services.Host.Hosting;

/// <summary>
/// The roles this process runs, each with its own step runner (own ledger, cost, seed and faults): one role in every
/// style but <c>inproc</c>, whose edge runs the step roles of <see cref="ServiceOptions.InProc"/> beside itself. The
/// control endpoint finds a role's faults here.
/// </summary>
public sealed class ProcessRoles : IDisposable
{
    private readonly Dictionary<string, StepRunner> _runners = new(StringComparer.Ordinal);

    public ProcessRoles(ServiceOptions options)
    {
        Own = Create(options);
        Steps = [.. (options.InProc?.Steps ?? []).Select(Create)];
    }

    /// <summary>The role the process was started as (the edge, for <c>inproc</c>).</summary>
    public StepRunner Own { get; }

    /// <summary>The step roles run inside this process, in the order the work flows; empty but for the <c>inproc</c> edge.</summary>
    public IReadOnlyList<StepRunner> Steps { get; }

    /// <summary>The runner of <paramref name="role"/>; null when this process does not run it (or when no role is named: the own one).</summary>
    public StepRunner? Find(string? role) => string.IsNullOrEmpty(role) ? Own : _runners.GetValueOrDefault(role);

    private StepRunner Create(ServiceOptions role)
    {
        var runner = new StepRunner(role.Role, role.Cost, role.LedgerPath, role.Seed, role.Idempotent);
        if (!_runners.TryAdd(role.Role, runner))
        {
            throw new ArgumentException($"role {role.Role} is given twice to one process", nameof(role));
        }

        return runner;
    }

    public void Dispose()
    {
        foreach (var runner in _runners.Values)
        {
            runner.Dispose();
        }
    }
}
