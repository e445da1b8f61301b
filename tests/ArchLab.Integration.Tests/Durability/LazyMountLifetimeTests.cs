using System.Diagnostics;
using ArchLab.Harness.Processes;
using ArchLab.LazyFs;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Integration.Tests.Durability;

/// <summary>
/// Mounts side by side (a cluster's nodes each have their own), and no mount left behind: <c>archlab lazyfs</c>
/// unmounts at the end of its input, and when it is killed with SIGKILL fusermount3 unmounts for it.
/// </summary>
[Collection(LazyFileSystemTests.Name)]
public sealed class LazyMountLifetimeTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("archlab-lazyfs-life-");

    public LazyMountLifetimeTests()
    {
        Assert.SkipWhen(LazyMount.Unavailable() is not null, $"no FUSE here: {LazyMount.Unavailable()}");
    }

    public void Dispose() => _root.Delete(recursive: true);

    private string In(string path) => Path.Join(_root.FullName, path);

    private static bool Mounted(string mountpoint) =>
        File.ReadLines("/proc/mounts").Any(line => line.Split(' ')[1] == mountpoint);

    [Fact]
    public void Two_mounts_at_once_each_lose_only_their_own_unsynced_writes()
    {
        using var first = LazyMount.Mount(new LazyJournal(In("b1"), In("g1"), TimeSpan.Zero), In("m1"));
        using var second = LazyMount.Mount(new LazyJournal(In("b2"), In("g2"), TimeSpan.Zero), In("m2"));
        File.WriteAllText(Path.Join(first.Mountpoint, "f"), "one");
        File.WriteAllText(Path.Join(second.Mountpoint, "f"), "two");

        first.PowerLoss();

        Assert.False(File.Exists(Path.Join(first.Mountpoint, "f")));
        Assert.Equal("two", File.ReadAllText(Path.Join(second.Mountpoint, "f")));
    }

    [Fact]
    public async Task A_lazyfs_process_killed_with_SIGKILL_leaves_no_mount_and_one_ended_by_its_input_unmounts()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        foreach (var kill in new[] { true, false })
        {
            var mountpoint = In(kill ? "killed" : "ended");
            var info = new ProcessStartInfo(ServiceHostLocator.Dotnet())
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "archlab.dll"), "lazyfs", In("backing-" + kill), mountpoint, "--writeback", "0" })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var ready = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            Assert.Equal($"mounted {mountpoint}", ready);
            Assert.True(Mounted(mountpoint));
            await File.WriteAllTextAsync(Path.Join(mountpoint, "order"), "acknowledged", cancellationToken);

            if (kill)
            {
                Signals.Send(process.Id, Signal.Kill);
            }
            else
            {
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            // fusermount3 notices its parent is gone and unmounts; /proc/mounts says when.
            var deadline = Stopwatch.StartNew();
            while (Mounted(mountpoint) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50, cancellationToken);
            }

            Assert.False(Mounted(mountpoint), $"{mountpoint} is still mounted {deadline.Elapsed.TotalSeconds:0.#} s after the process ended");
            Assert.Equal("acknowledged", await File.ReadAllTextAsync(In($"backing-{kill}/order"), cancellationToken));
        }
    }
}
