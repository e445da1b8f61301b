using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.LazyFs;

namespace ArchLab.Integration.Tests.Durability;

/// <summary>
/// A cluster arm under a power-loss fault keeps each node's store on a lazy mount of its own: fsyncs are counted by
/// file and node, and a power loss takes back only that node's unsynced writes.
/// </summary>
[Collection(LazyFileSystemTests.Name)]
public sealed class LazyStoresTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("archlab-lazystores-");

    public LazyStoresTests()
    {
        Assert.SkipWhen(LazyMount.Unavailable() is not null, $"no FUSE here: {LazyMount.Unavailable()}");
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Each_node_counts_its_own_fsyncs_by_file_and_loses_only_its_own_writes()
    {
        var scenario = ScenarioLoader.Parse("""
            name: s
            title: t
            claim: c
            watch: w
            arms:
              r3: { style: jetstream, nodes: 3, replicas: 3, writeback: 0s }
            load: { model: open, rate: 10/s, duration: 2s }
            faults:
              - { at: 1s, for: 1s, power-loss: broker.2 }
            """, "s.yaml");
        var stores = Path.Join(_root.FullName, "store");
        using var lazy = LazyStores.MountFor(scenario, scenario.RunArms().Single(), stores, Path.Join(_root.FullName, "backing"))!;
        var second = Path.Join(stores, "broker.2");
        using (var synced = new FileStream(Path.Join(second, "meta.inf"), FileMode.Create, FileAccess.Write))
        {
            synced.Write("v1"u8);
            synced.Flush(flushToDisk: true);
            synced.Flush(flushToDisk: true);
        }

        File.WriteAllText(Path.Join(second, "1.blk"), "unsynced");
        File.WriteAllText(Path.Join(stores, "broker.1", "1.blk"), "another node's");

        Assert.Equal(3, lazy.Count);
        Assert.Equal(new Dictionary<string, long> { ["meta.inf"] = 2 }, lazy.Fsyncs(1));
        Assert.Empty(lazy.Fsyncs(0));
        var loss = lazy.PowerLoss(1);

        Assert.True(loss.BytesDropped > 0);
        Assert.False(File.Exists(Path.Join(second, "1.blk")));
        Assert.Equal("v1", File.ReadAllText(Path.Join(second, "meta.inf")));
        Assert.Equal("another node's", File.ReadAllText(Path.Join(stores, "broker.1", "1.blk")));
    }
}
