namespace ArchLab.Harness.Links;

/// <summary>
/// Decides where a component connects to reach another: straight to it, or through the TCP fault proxy
/// when the scenario has network faults on that link.
/// </summary>
public interface ILinkRouter
{
    /// <summary>The address <paramref name="from"/> should dial to reach <paramref name="to"/> listening at <paramref name="target"/>.</summary>
    /// <param name="from"><c>caller</c> or a role.</param>
    /// <param name="to">A role or <c>broker</c>.</param>
    /// <param name="target">Where <paramref name="to"/> really listens.</param>
    Task<Uri> RouteAsync(string from, string to, Uri target, CancellationToken cancellationToken);
}

/// <summary>No proxy: every component dials the other directly.</summary>
public sealed class DirectLinks : ILinkRouter
{
    public static DirectLinks Instance { get; } = new();

    public Task<Uri> RouteAsync(string from, string to, Uri target, CancellationToken cancellationToken) => Task.FromResult(target);
}
