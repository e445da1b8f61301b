using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.LazyFs;

namespace ArchLab.Harness.Broker;

/// <summary>
/// The broker's store on the lazy filesystem, for an arm under a power-loss fault: one mount per node, each over a
/// backing directory of its own in the run folder, so a power loss of one node takes back only that node's writes.
/// Mounted before the broker starts, unmounted after it stops (and by fusermount3 if the harness is killed). The
/// ledgers never live here: only the broker's store does.
/// </summary>
public sealed class LazyStores : IDisposable
{
    private readonly List<LazyMount> _mounts;
    private readonly string _backingRoot;

    private LazyStores(List<LazyMount> mounts, string backingRoot)
    {
        _mounts = mounts;
        _backingRoot = backingRoot;
    }

    /// <summary>Why the run cannot take a power-loss fault here; null when it can, or has none.</summary>
    public static string? Refused(Scenario scenario) =>
        scenario.Faults.OfType<PowerLossFault>().Any() && LazyMount.Unavailable() is { } why
            ? $"a power-loss fault puts the broker's store on the lazy filesystem (FUSE), which this machine cannot mount: {why}"
            : null;

    /// <summary>Mounts a lazy store per node when the scenario has a power-loss fault; null otherwise.</summary>
    /// <param name="storeRoot">Where the broker keeps its store: a single server's directory, a cluster's root.</param>
    public static LazyStores? MountFor(Scenario scenario, ArmSpec arm, string storeRoot, string backingRoot)
    {
        if (!scenario.Faults.OfType<PowerLossFault>().Any())
        {
            return null;
        }

        var writeback = (arm.JetStream ?? JetStreamArmOptions.Default).Writeback;
        var mounts = new List<LazyMount>();
        try
        {
            for (var i = 0; i < arm.Nodes; i++)
            {
                var name = arm.Nodes == 1 ? "broker" : LocalNatsCluster.NodeName(i);
                var journal = new LazyJournal(Path.Combine(backingRoot, name), Path.Combine(backingRoot, name + ".graveyard"), writeback);
                mounts.Add(LazyMount.Mount(journal, arm.Nodes == 1 ? storeRoot : Path.Combine(storeRoot, name)));
            }

            return new LazyStores(mounts, backingRoot);
        }
        catch
        {
            mounts.ForEach(m => m.Dispose());
            throw;
        }
    }

    public int Count => _mounts.Count;

    /// <summary>Node <paramref name="index"/> loses its power: its store goes back to what was durable. Its process must be dead.</summary>
    public PowerLoss PowerLoss(int index) => _mounts[index].PowerLoss();

    /// <summary>fsyncs the node's broker made on its store so far, by file (a path in the store).</summary>
    public IReadOnlyDictionary<string, long> Fsyncs(int index)
    {
        var journal = _mounts[index].Journal;
        lock (journal.Gate)
        {
            return new Dictionary<string, long>(journal.Fsyncs, StringComparer.Ordinal);
        }
    }

    public void Dispose()
    {
        foreach (var mount in _mounts)
        {
            mount.Dispose();
            // The broker emptied its store but could not remove the mount point while it was one.
            if (Directory.Exists(mount.Mountpoint) && !Directory.EnumerateFileSystemEntries(mount.Mountpoint).Any())
            {
                Directory.Delete(mount.Mountpoint);
            }
        }

        try
        {
            Directory.Delete(_backingRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
